/**
 * Structural comparison of JSON-like values: finds the first difference in depth-first order and names its path
 * (`out[17][2]`, `out.conflicts[0].version`), so a user sees where the answer went wrong, not a wall of JSON.
 */
export interface Mismatch {
  /** Path from the root, e.g. `out[17][2]`. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Why these differ, in words. */
  reason: string;
}

/** How two leaf numbers are compared; returns a reason when they differ. */
export type NumberComparer = (actual: number, expected: number) => string | null;

export const exactNumbers: NumberComparer = (a, e) => {
  if (a === e || (Number.isNaN(a) && Number.isNaN(e))) return null;
  return 'different number';
};

const LENGTH = Symbol('length');
const MISSING = Symbol('missing');
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Returns the first mismatch between `actual` and `expected`, or null when they are equal. Iterative, so a deeply
 * nested answer cannot overflow the host's stack.
 */
export function firstMismatch(
  actual: unknown,
  expected: unknown,
  compareNumbers: NumberComparer = exactNumbers,
  root = 'out',
): Mismatch | null {
  const stack: Array<[unknown, unknown, string]> = [[actual, expected, root]];
  while (stack.length > 0) {
    const [a, e, path] = stack.pop() as [unknown, unknown, string];
    if (a === LENGTH) {
      const [al, el] = e as [number, number];
      return { path: `${path}.length`, expected: el, actual: al, reason: `expected ${el} elements, got ${al}` };
    }
    if (a === MISSING) {
      const [inE, k, ev, av] = e as [boolean, string, unknown, unknown];
      return inE
        ? { path, expected: ev, actual: undefined, reason: `missing property "${k}"` }
        : { path, expected: undefined, actual: av, reason: `unexpected property "${k}"` };
    }
    const ka = kindOf(a);
    const ke = kindOf(e);
    if (ka !== ke) return { path, expected: e, actual: a, reason: `expected ${ke}, got ${ka}` };
    if (ka === 'number') {
      const reason = compareNumbers(a as number, e as number);
      if (reason) return { path, expected: e, actual: a, reason };
      continue;
    }
    if (ka === 'array') {
      const aa = a as unknown[];
      const ea = e as unknown[];
      // A length mismatch is reported after the common prefix is compared: "out[3] differs" is more useful than
      // "lengths differ" when both are true. The sentinel frame is popped after all element frames.
      if (aa.length !== ea.length) stack.push([LENGTH, [aa.length, ea.length], path]);
      for (let i = Math.min(aa.length, ea.length) - 1; i >= 0; i--) stack.push([aa[i], ea[i], `${path}[${i}]`]);
      continue;
    }
    if (ka === 'object') {
      const ao = a as Record<string, unknown>;
      const eo = e as Record<string, unknown>;
      const keys = [...Object.keys(eo), ...Object.keys(ao).filter((k) => !hasOwn(eo, k))];
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        const inA = hasOwn(ao, k) && ao[k] !== undefined;
        const inE = hasOwn(eo, k) && eo[k] !== undefined;
        if (inA && inE) stack.push([ao[k], eo[k], keyPath(path, k)]);
        else if (inA !== inE) stack.push([MISSING, [inE, k, eo[k], ao[k]], keyPath(path, k)]);
      }
      continue;
    }
    if (a !== e) return { path, expected: e, actual: a, reason: `different ${ka}` };
  }
  return null;
}
