// A CommonJS module exporting its handler by name.
async function consume(event) {  // lambdafit-expect(node-event-handler)
  for (const record of event.Records) {
    await save(JSON.parse(record.body));
  }
}

function describe(event) {  // lambdafit-expect-not(node-event-handler)
  return `records: ${event.type}`;
}

module.exports = { consume, describe };
