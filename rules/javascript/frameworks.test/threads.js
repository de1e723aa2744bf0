// A worker thread is not a queue worker.
const { Worker } = require("worker_threads");
const t = new Worker("./task.js");  // lambdafit-expect-not(node-worker-framework)
