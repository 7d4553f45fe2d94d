interface RegRec {
  id: string;
  version: string;
  checksum: string;
}
interface Conflict {
  canonical: string;
  version: string;
  checksums: string[];
}
interface RepairReport {
  canonical: string[];
  conflicts: Conflict[];
  danglingEdges: number;
}

/** Merges records linked by `sameAs` into classes; reports each record's canonical id, checksum conflicts and unknown-id edges. */
export function repairRegistry(records: RegRec[], sameAs: Array<[string, string]>): RepairReport {
  throw new Error('not implemented');
}
