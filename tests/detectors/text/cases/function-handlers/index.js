'use strict';
async function handler(event) {
  return { statusCode: 200 };
}
module.exports = { handler };
exports.handler = handler;
exports.onUpload = async (event) => event.Records.length;
// exports.handler = old;
const text = "module.exports = { handler }";
module.exports.helper = (a, b) => a + b;
