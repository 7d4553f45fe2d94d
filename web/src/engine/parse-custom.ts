/** The custom-input panel's JSON, checked without loading the engine. */
export interface CustomInput {
  fn: string;
  /** As written: tagged JSON (`{"$num": "-Infinity"}`), decoded by the engine. */
  args: unknown[];
  /** The reference's output for this input, when the server gave it (issue 15 §1): the input is then checked. */
  expected?: { value: unknown };
}

/** What identifies a custom input (its text as JSON): expected outputs are matched to inputs by it. */
export function customInputKey(c: { fn: string; args: unknown[] }): string {
  return JSON.stringify({ fn: c.fn, args: c.args });
}

/** Parses the custom-input editor's JSON: `{ "fn": "name", "args": [...] }` or an array of them. */
export function parseCustomInputs(
  text: string,
  entries: string[],
): { ok: true; inputs: CustomInput[] } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, inputs: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const list = Array.isArray(value) ? value : [value];
  const inputs: CustomInput[] = [];
  for (const [i, item] of list.entries()) {
    const where = Array.isArray(value) ? `item ${i + 1}` : 'the input';
    if (!item || typeof item !== 'object' || Array.isArray(item))
      return { ok: false, message: `${where} must be an object { "fn": ..., "args": [...] }` };
    const { fn, args } = item as Record<string, unknown>;
    if (typeof fn !== 'string' || !entries.includes(fn))
      return { ok: false, message: `${where}: "fn" must be one of ${entries.join(', ')}` };
    if (!Array.isArray(args)) return { ok: false, message: `${where}: "args" must be an array of arguments` };
    inputs.push({ fn, args });
  }
  if (inputs.length > 20) return { ok: false, message: 'at most 20 custom inputs' };
  return { ok: true, inputs };
}
