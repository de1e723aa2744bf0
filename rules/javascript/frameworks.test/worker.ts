import { Worker, Queue } from "bullmq";
import cron from "node-cron";

const worker = new Worker("thumbnails", async (job) => resize(job.data));  // lambdafit-expect(node-worker-framework)
const queue = new Queue("thumbnails");  // lambdafit-expect-not(node-worker-framework)
cron.schedule("*/5 * * * *", () => sweep());  // lambdafit-expect(node-worker-framework)
const w = new Worker(new URL("./w.js", import.meta.url));  // lambdafit-expect(node-worker-framework)
