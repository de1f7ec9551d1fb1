import type { Kernel } from '../../../kernel/kernel.js';
import * as store from '../store.js';

/**
 * Active organizations acting as a public body (a registry, an exchange): their names are public — a registry's
 * name is printed on every certificate it issues — so any signed-in applicant may pick one by name (issue 17's
 * registration wizard). Answers ids and Chinese names only.
 */
export async function publicBodiesActingAs(k: Kernel, actor: 'registry' | 'exchange') {
  const { rows } = await store.listOrgs(k.db, {
    actor,
    state: 'active',
    jurisdictionIds: [],
    platform: true,
    limit: 200,
    offset: 0,
  });
  return rows.map((o) => ({ id: o.id, name: o.name_zh }));
}
