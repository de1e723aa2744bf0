__global__ void k() {}  // lambdafit-expect(cuda-source-file)
