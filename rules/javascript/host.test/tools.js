const { execSync, spawn } = require("child_process");
const cp = require("node:child_process");
const { exec: run } = require("child_process");

execSync("sysctl -w net.core.somaxconn=1024");  // lambdafit-expect(node-host-tool)
spawn("/usr/bin/ffmpeg", ["-i", "a.mov", "b.mp4"]);  // lambdafit-expect(node-host-tool)
cp.execFileSync("systemctl", ["restart", "nginx"]);  // lambdafit-expect(node-host-tool)
run("sudo modprobe br_netfilter");  // lambdafit-expect(node-host-tool)
process.setuid(1000);  // lambdafit-expect(node-user-switch)
// execSync("useradd x")  lambdafit-expect-not(node-host-tool)
execSync("node build.js");  // lambdafit-expect-not(node-host-tool)
const help = "uses process.setuid( when root";  // lambdafit-expect-not(node-user-switch)
db.exec("sysctl");  // lambdafit-expect-not(node-host-tool)
console.log(process.getuid());  // lambdafit-expect-not(node-user-switch)
