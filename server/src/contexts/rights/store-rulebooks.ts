import type { Insertable, Selectable } from 'kysely';
import type { DB, RightsRulebookTable } from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** RA-20 rulebook SQL (decision 0083). */
export type RulebookTables = Pick<DB, 'rights_rulebook'> & KernelTables;
export type RulebookRow = Selectable<RightsRulebookTable>;
export type NewRulebook = Insertable<RightsRulebookTable>;

/** One version, locked when the caller is about to change it. */
export async function getRulebook(db: Executor, id: string, lock = false): Promise<RulebookRow | undefined> {
  const q = ownTables<RulebookTables>(db).selectFrom('rights_rulebook').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** The next version number of a registry's rulebook (1 for the first draft). */
export async function nextVersionNo(db: Executor, registryOrgId: string): Promise<number> {
  const r = await ownTables<RulebookTables>(db)
    .selectFrom('rights_rulebook')
    .select((e) => e.fn.max('version_no').as('n'))
    .where('registry_org_id', '=', registryOrgId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** The published version of a registry, locked: publishing another one supersedes it. */
export function publishedOf(db: Executor, registryOrgId: string) {
  return ownTables<RulebookTables>(db)
    .selectFrom('rights_rulebook')
    .selectAll()
    .where('registry_org_id', '=', registryOrgId)
    .where('state', '=', 'published')
    .forUpdate()
    .executeTakeFirst();
}

/** Versions in the given states, newest first, optionally of one registry or seen by one organization. */
export async function listRulebooks(
  db: Executor,
  f: { states?: string[]; registryOrgId?: string; orgId?: string; limit: number; offset: number },
): Promise<{ rows: RulebookRow[]; total: number }> {
  let q = ownTables<RulebookTables>(db).selectFrom('rights_rulebook');
  if (f.states) q = q.where('state', 'in', f.states);
  if (f.registryOrgId) q = q.where('registry_org_id', '=', f.registryOrgId);
  const org = f.orgId;
  if (org) q = q.where((e) => e.or([e('registry_org_id', '=', org), e('authority_org_id', '=', org)]));
  const rows = await q
    .selectAll()
    .orderBy('registry_org_id')
    .orderBy('version_no', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const c = await q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirst();
  return { rows, total: Number(c?.n ?? 0) };
}
