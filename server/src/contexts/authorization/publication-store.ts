import { sql } from 'kysely';
import type { Db } from './store.js';

// SQL for publication permissions (AUTH-29; migration 0066). Kept beside store.ts, same rules: no decisions.
type Row = Record<string, any>;

export const getPermission = async (db: Db, id: string, forUpdate = false) =>
  (
    await sql<Row>`SELECT p.*, j.path AS jurisdiction_path FROM publication_permission p JOIN jurisdiction j ON j.id = p.jurisdiction_id
    WHERE p.id = ${id} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`.execute(db)
  ).rows[0];

/** Is there an approved permission for this Grant and declared use? (one indexed lookup) */
export const hasApprovedPermission = async (db: Db, grantId: string, declaredUse: string) =>
  (
    await sql`SELECT 1 FROM publication_permission WHERE grant_id = ${grantId} AND declared_use = ${declaredUse} AND state = 'approved' LIMIT 1`.execute(
      db,
    )
  ).rows.length > 0;
