import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEsbuild } from '../node/esbuild.ts';
import { missingEntries, transpile, type EsbuildApi } from './transpile.ts';

let esbuild: EsbuildApi;
beforeAll(async () => {
  esbuild = await nodeEsbuild();
});

describe('transpile', () => {
  it('strips types and keeps both exported and plain top-level functions', async () => {
    const r = await transpile(
      esbuild,
      'export function a(x: number): number { return x }\nfunction b(y: string) { return y }\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(missingEntries(r.value, ['a', 'b'])).toEqual([]);
    expect(missingEntries(r.value, ['c'])).toEqual(['c']);
    expect(r.value.js).not.toContain(': number');
  });

  it('does not block on type errors', async () => {
    const r = await transpile(esbuild, 'export function a(x: number): string { return x }');
    expect(r.ok).toBe(true);
  });

  it('reports a syntax error at the user line and column, in characters', async () => {
    const r = await transpile(esbuild, 'export function a() {\n  const é = "ü"; return (1 + ;\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(2);
    expect(r.error.column).toBe(30);
    expect(r.error.message).toMatch(/Unexpected/);
  });

  it('a name that only appears inside another word does not count as defined', async () => {
    const r = await transpile(esbuild, 'export function sumAll() { return 1 }');
    expect(r.ok && missingEntries(r.value, ['sum'])).toEqual(['sum']);
  });
});
