import { describe, expect, it } from 'vitest';
import { runtimeHint } from './hints.ts';

const ctx = { stackBytes: 2 * 1024 * 1024 };

describe('runtime hints', () => {
  it('points Node-only globals to what the sandbox has', () => {
    expect(runtimeHint('ReferenceError', "'Buffer' is not defined", ctx)).toMatch(/TextEncoder/);
    expect(runtimeHint('ReferenceError', "'require' is not defined", ctx)).toMatch(/no modules/);
    expect(runtimeHint('ReferenceError', "'process' is not defined", ctx)).toMatch(/arguments/);
    expect(runtimeHint('ReferenceError', "'setTimeout' is not defined", ctx)).toMatch(/synchronously/);
    expect(runtimeHint('ReferenceError', "'myVar' is not defined", ctx)).toBeUndefined();
  });
  it('explains the spread-argument limit and suggests a loop', () => {
    const h = runtimeHint('RangeError', 'too many arguments in function call (only 65534 allowed)', ctx);
    expect(h).toMatch(/65,534/);
    expect(h).toMatch(/loop/);
  });
  it('gives the stack limit in MiB and frames', () => {
    expect(runtimeHint('InternalError', 'stack overflow', ctx)).toMatch(/2 MiB stack .*10,900 frames/);
    expect(runtimeHint('InternalError', 'stack overflow', { stackBytes: 1024 * 1024 })).toMatch(
      /1 MiB stack .*5,450 frames/,
    );
  });
  it('says nothing for ordinary errors', () => {
    expect(runtimeHint('TypeError', "cannot read property 'x' of undefined", ctx)).toBeUndefined();
    expect(runtimeHint('Error', 'bad input', ctx)).toBeUndefined();
  });
});
