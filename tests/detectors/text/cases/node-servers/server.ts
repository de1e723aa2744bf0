import * as net from "net";

const PORT = 7000;
/* net.createServer() in a block comment: negative */
const srv = net.createServer((s) => s.end());
srv.listen(PORT);
