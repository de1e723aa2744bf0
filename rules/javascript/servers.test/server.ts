import * as net from "net";
import { NestFactory } from "@nestjs/core";

const PORT = 7000;
/* net.createServer() in a block comment: lambdafit-expect-not(node-server-inbound) */
const srv = net.createServer((s) => s.end());  // lambdafit-expect(node-server-inbound)
srv.listen(PORT);  // lambdafit-expect(node-server-inbound) lambdafit-expect(node-server-forever)

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);  // lambdafit-expect(node-server-inbound) lambdafit-expect(node-server-forever)
}
