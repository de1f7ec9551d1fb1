import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { resourceLifecycle } from '../lifecycle.js';
import { resourceSubject } from './resources.js';
import * as store from '../store.js';
import { type Executor } from '../../../kernel/db/tables.js';

type Db = Executor;

/**
 * CAT-04: a resource is shared in from another jurisdiction when its providing unit's home
 * jurisdiction lies outside the resource's jurisdiction subtree.
 */
export async function sharedFromOtherRegion(db: Db, r: store.ResourceRow): Promise<boolean> {
  if (!r.providing_unit_org_id || r.providing_unit_org_id === r.source_unit_org_id) return false;
  const home = await db
    .selectFrom('organization as o')
    .innerJoin('jurisdiction as j', 'j.id', 'o.home_jurisdiction_id')
    .select('j.path')
    .where('o.id', '=', r.providing_unit_org_id)
    .executeTakeFirst();
  return !((home?.path as string[] | undefined) ?? []).includes(r.jurisdiction_id);
}

/** Facts CAT-04 and CAT-07 read when a resource is published. */
export async function publishFacts(db: Db, a: Actor, r: store.ResourceRow) {
  return {
    sharedFromOtherRegion: await sharedFromOtherRegion(db, r),
    providerConsentRecorded: !!r.providing_consent,
    jurisdictionPath: r.jurisdiction_path,
    actorAuthorityJurisdictions: activeActorRoles(a, 'authority').map((x) => x.jurisdictionId),
  };
}

/** The providing unit (in another jurisdiction) consents to the resource entering the catalogs (CAT-04). */
export async function consentAsProvider(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const r = await store.getResource(trx, id, true);
    // Only the providing unit learns of the request; for anyone else it does not exist.
    if (!r || !a.orgId || r.providing_unit_org_id !== a.orgId || !(await sharedFromOtherRegion(trx, r)))
      throw notFound('DataResource', id);
    return transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action: 'provider_consent',
      actor: a,
      object: r,
      subject: { ...resourceSubject(r), partyOrgIds: [a.orgId] },
      input: {},
      values: {
        providing_consent: JSON.stringify({ orgId: a.orgId, by: a.userId ?? null, at: k.clock.now().toISOString() }),
      },
    });
  });
}
