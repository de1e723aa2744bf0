// Negative: a timer in a file that lists or scans nothing.
setInterval(() => console.log("tick"), 1000);
