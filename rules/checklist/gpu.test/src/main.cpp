int main() {}  // lambdafit-expect-not(cuda-source-file): C++, not CUDA
