/** Mapping between driver values and the row types, shared by every SQL store. */

/** Both drivers return `timestamptz` as a Date; accept a string too in case a type parser is configured otherwise. */
export function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}

export function toDateOrNull(v: Date | string | null): Date | null {
  return v === null ? null : toDate(v);
}

/** Both drivers return `jsonb` parsed; accept the text form too (e.g. a driver configured to leave it unparsed). */
export function fromJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** A jsonb parameter: JSON text (cast with `::jsonb` in SQL), SQL NULL for null/undefined. */
export function toJsonParam(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
