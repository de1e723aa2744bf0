exports.handler = async (event) => {  // lambdafit-expect(node-event-handler)
  // exports.other = async (event) => {}  lambdafit-expect-not(node-event-handler)
  for (const r of event.Records) console.log(r.body);
};
