import { describe, expect, it } from 'vitest';
import { parseCustomInputs } from './parse-custom.ts';

describe('custom inputs', () => {
  it('accepts one input or a list, and explains what is wrong', () => {
    expect(parseCustomInputs('', ['f'])).toEqual({ ok: true, inputs: [] });
    expect(parseCustomInputs('{"fn":"f","args":[1,[2]]}', ['f'])).toEqual({
      ok: true,
      inputs: [{ fn: 'f', args: [1, [2]] }],
    });
    expect(
      parseCustomInputs('[{"fn":"f","args":[]},{"fn":"g","args":[{"$num":"-Infinity"}]}]', ['f', 'g']),
    ).toMatchObject({ ok: true });
    expect(parseCustomInputs('{"fn":"h","args":[]}', ['f'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('one of f'),
    });
    expect(parseCustomInputs('{"fn":"f"}', ['f'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('"args"'),
    });
    expect(parseCustomInputs('{oops', ['f'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('not valid JSON'),
    });
  });
});
