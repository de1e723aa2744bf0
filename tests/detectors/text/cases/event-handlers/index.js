exports.handler = async (event) => {
  // exports.other = async (event) => {}  negative: comment
  for (const r of event.Records) console.log(r.body);
};
