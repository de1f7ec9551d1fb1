import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** Tables the kernel owns (events, ledger, profiles, secrets): every context writes them through kernel helpers. */
export type KernelTables = Pick<
  DB,
  'event' | 'ledger_entry' | 'ledger_log' | 'ledger_node' | 'ledger_checkpoint' | 'profile_override' | 'kernel_secret'
>;

/** Any handle on the whole system of record: the app's Kysely or an open transaction (a Transaction is one). */
export type Executor = Kysely<DB>;
export type Tx = Transaction<DB>;

/**
 * A context's store narrows the handle to the tables it owns (style.md §1), so a query on another
 * context's table does not compile. Kysely's handle is invariant in its table map, so the subset
 * cannot be taken by assignment: this is the one place that says "these tables are a subset".
 */
export function ownTables<T extends Partial<DB>>(db: Executor): Kysely<T> {
  return db as unknown as Kysely<T>;
}

/**
 * The untyped view of one table, for the kernel's generic writers only (the workflow transition and
 * importObject write whichever lifecycle table they are given; the row shapes are typed by the callers).
 */
export type LooseTables = Record<string, Record<string, unknown>>;
export function looseTables(db: Executor): Kysely<LooseTables> {
  return db as unknown as Kysely<LooseTables>;
}
