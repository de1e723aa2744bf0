import { execFile } from "node:child_process";
import * as child from "child_process";

execFile("ffmpeg", ["-i", "in.mov", "out.mp4"], () => {});  // lambdafit-expect(node-host-tool)
child.spawnSync("iptables", ["-L"]);  // lambdafit-expect(node-host-tool)
const note: string = "child.spawnSync('iptables')";  // lambdafit-expect-not(node-host-tool)
