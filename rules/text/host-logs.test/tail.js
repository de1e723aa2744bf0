// lambdafit-expect-not(code-host-logs)
const fs = require("fs");
// fs.readFileSync("/var/log/syslog")  negative: comment
// lambdafit-expect(code-host-logs)
const lines = fs.readFileSync("/var/log/nginx/access.log", "utf8");
const key = "archive/var/log/app.log";
