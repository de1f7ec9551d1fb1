import { sql, type Selectable } from 'kysely';
import type { PublicationPermissionTable } from '../../kernel/db/schema.js';
import type { PublicationDecision } from './model.js';
import { lock, type Db } from './store.js';

// SQL for publication permissions (AUTH-29; migration 0066). Kept beside store.ts, same rules: no decisions.

/** A permission with its decisions (jsonb we write, model.ts) and its jurisdiction's path. */
export type PermissionRow = Omit<Selectable<PublicationPermissionTable>, 'decisions'> & {
  decisions: PublicationDecision[];
  jurisdiction_path: string[];
};

export const getPermission = async (db: Db, id: string, forUpdate = false) =>
  (
    await sql<PermissionRow>`SELECT p.*, j.path AS jurisdiction_path FROM publication_permission p JOIN jurisdiction j ON j.id = p.jurisdiction_id
    WHERE p.id = ${id} ${lock(forUpdate, 'p')}`.execute(db)
  ).rows[0];

/** Is there an approved permission for this Grant and declared use? (one indexed lookup) */
export const hasApprovedPermission = async (db: Db, grantId: string, declaredUse: string) =>
  (
    await sql<{
      one: number;
    }>`SELECT 1 AS one FROM publication_permission WHERE grant_id = ${grantId} AND declared_use = ${declaredUse} AND state = 'approved' LIMIT 1`.execute(
      db,
    )
  ).rows.length > 0;
