// Negative: a timer that lists or scans nothing.
setInterval(() => console.log("tick"), 1000);  // lambdafit-expect-not(node-polling-loop)
