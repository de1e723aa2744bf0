// lambdafit-expect(node-event-handler)
exports.handler = async (event) => {
  // lambdafit-expect-not(node-event-handler)
  // exports.other = async (event) => {}  negative: comment
  for (const r of event.Records) console.log(r.body);
};
