/**
 * Rows whose first audit-log entry attests them: the entry is the row's object (version 1)
 * and its payload `after` holds the named columns. `ledger audit` (LED-11) then finds a row
 * that was changed, deleted, or inserted without its entry. The writer that creates both in
 * one statement declares the mapping (the gateway's UsageRecords, 0055). Table, filter and
 * column names are code constants, never input.
 */
export interface AttestedTable {
  objectType: string;
  /** A table with a uuid primary key `id`. */
  table: string;
  /** SQL condition selecting the attested rows of the table. */
  where: string;
  /** payload.after key → column. */
  fields: Record<string, string>;
  /** A timestamp column: rows older than the first entry predate attestation and need none. */
  since: string;
}

const tables = new Map<string, AttestedTable>();

export function defineAttestedTable(t: AttestedTable): void {
  tables.set(t.objectType, t);
}

export function attestedTables(): AttestedTable[] {
  return [...tables.values()];
}
