export const handler = async (event) => ({ ok: true });  // lambdafit-expect(node-function-handler)
export function format(x) { return String(x); }  // lambdafit-expect-not(node-function-handler)
