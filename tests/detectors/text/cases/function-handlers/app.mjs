export const handler = async (event) => ({ ok: true });
export function format(x) { return String(x); }
