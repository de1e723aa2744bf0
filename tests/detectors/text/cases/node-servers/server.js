const http = require("http");
const express = require("express");

const app = express();
http.createServer((req, res) => res.end("ok")).listen(8080);
app.listen(process.env.PORT);
// app.listen(3000)  negative: comment
const note = "call app.listen(3000) to serve";
emitter.listen(handler);
