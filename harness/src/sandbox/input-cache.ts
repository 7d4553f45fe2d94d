/**
 * Test arguments kept between submissions on one sandbox (issue 17). Building a large input inside the sandbox is
 * interpreted work (a 7·10^4-float softmax input, a 1.6·10^4-record registry: 20-45 ms each, for every submission);
 * decoding the same arguments from QuickJS's binary JSON is native work, several times cheaper. So a test's
 * arguments are built once per sandbox, in a context no user code has run in, and kept as binary JSON; every test
 * then decodes them, whether the entry was just made or found, so a test runs the same way on a cold cache as on a
 * warm one. An entry of `null` remembers that a test's arguments cannot be copied exactly (see the prelude's
 * `isExactCopy`): those are built in the session, as before.
 */
export interface PreparedInput {
  /** The arguments as QuickJS binary JSON. */
  bytes: Uint8Array;
  /** What `call` needs of the input besides the arguments: `{"fn":…,"expectError":…}`. */
  meta: string;
}

/** Least-recently-used map from a test's key to its prepared input, bounded by the bytes it holds. */
export class InputCache {
  private readonly entries = new Map<string, PreparedInput | null>();
  private bytes = 0;

  constructor(private readonly capBytes: number) {}

  /** The entry for `key` (`undefined`: none yet; `null`: known not to be copyable). */
  get(key: string): PreparedInput | null | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: PreparedInput | null): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= size(key, old);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size(key, entry);
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.capBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= size(k, e);
    }
  }

  get sizeBytes(): number {
    return this.bytes;
  }
}

/** Bytes an entry holds: its binary JSON and meta, and its key (a JS string: two bytes a character). */
function size(key: string, entry: PreparedInput | null): number {
  return 2 * key.length + (entry ? entry.bytes.length + 2 * entry.meta.length : 0);
}
