import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSets } from './sets.ts';

const dirWith = (content: unknown): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sets-'));
  writeFileSync(path.join(dir, 'sets.json'), JSON.stringify(content));
  return dir;
};

describe('problem sets', () => {
  it('loads the repository sets, every slug a problem', () => {
    const root = path.join(import.meta.dirname, '..', '..', '..', 'problems');
    const slugs = [
      'beam-search',
      'bpe-tokenizer',
      'continuous-batching',
      'gqa-logsumexp',
      'k-way-token-merge',
      'moe-top2-routing',
      'paged-kv-cache',
      'registry-repair',
      'repetition-penalty',
      'rope',
      'sharded-embedding',
      'sliding-window-mask',
      'speculative-decoding',
      'strided-tensor-views',
      'token-bucket',
      'top-k-top-p-sampling',
      'training-mfu',
    ];
    const sets = loadSets(root, slugs);
    expect(sets.map((s) => s.id)).toContain('warm-ups');
    expect(new Set(sets.flatMap((s) => s.problems))).toEqual(new Set(slugs));
  });
  it('refuses unknown problems, duplicates and bad shapes', () => {
    expect(() =>
      loadSets(dirWith({ sets: [{ id: 'a', title: 'A', description: '', problems: ['nope'] }] }), ['x']),
    ).toThrow(/unknown problems: nope/);
    expect(() =>
      loadSets(dirWith({ sets: [{ id: 'a', title: 'A', description: '', problems: ['x', 'x'] }] }), ['x']),
    ).toThrow(/twice/);
    expect(() =>
      loadSets(
        dirWith({
          sets: [
            { id: 'a', title: 'A', description: '', problems: ['x'] },
            { id: 'a', title: 'B', description: '', problems: ['x'] },
          ],
        }),
        ['x'],
      ),
    ).toThrow(/duplicate set id/);
    expect(() => loadSets(dirWith({ sets: [{ id: 'A B', title: 'A', problems: [] }] }), ['x'])).toThrow(/sets.json/);
  });
  it('no file, no sets', () => {
    expect(loadSets(mkdtempSync(path.join(os.tmpdir(), 'sets-')), [])).toEqual([]);
  });
});
