const { execSync, spawn } = require("child_process");

execSync("sysctl -w net.core.somaxconn=1024");
spawn("/usr/bin/ffmpeg", ["-i", "a.mov", "b.mp4"]);
process.setuid(1000);
// execSync("useradd x")  negative: comment
execSync("node build.js");
const help = "uses process.setuid( when root";
