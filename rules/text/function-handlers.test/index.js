'use strict';
async function handler(event) {
  return { statusCode: 200 };
}
module.exports = { handler };  // lambdafit-expect(node-function-handler)
exports.handler = handler;  // lambdafit-expect(node-function-handler)
exports.onUpload = async (event) => event.Records.length;  // lambdafit-expect(node-function-handler)
// exports.handler = old;
const text = "module.exports = { handler }";  // lambdafit-expect-not(node-function-handler)
module.exports.helper = (a, b) => a + b;  // lambdafit-expect-not(node-function-handler)
