const http = require("http");
const express = require("express");
const Koa = require("koa");

const app = express();
// lambdafit-expect(node-server-inbound) lambdafit-expect(node-server-forever)
http.createServer((req, res) => res.end("ok")).listen(8080);
app.listen(process.env.PORT);  // lambdafit-expect(node-server-inbound) lambdafit-expect(node-server-forever)
// app.listen(3000)  lambdafit-expect-not(node-server-inbound)
const note = "call app.listen(3000) to serve";  // lambdafit-expect-not(node-server-inbound)
emitter.listen(handler);  // lambdafit-expect-not(node-server-forever)
const koa = new Koa();
koa.listen(3000);  // lambdafit-expect(node-server-inbound) lambdafit-expect(node-server-forever)
