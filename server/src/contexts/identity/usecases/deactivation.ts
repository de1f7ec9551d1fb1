import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { openAgreementsOf } from '../agreements-port.js';
import { membershipLifecycle, organizationLifecycle } from '../lifecycle.js';
import type { DeactivationFacts } from '../rules.js';
import { orgSubject } from '../policy.js';
import * as store from '../store.js';

const CAUSE = 'org_deactivated';

/**
 * identity.md Organization: active/suspended → deactivated, by platform_admin (sys_admin, IAM-14), only
 * while the org is party to no open agreement (IAM-ORG-DEACTIVATE, read through the agreements port).
 * Its active memberships are disabled in the same transaction; records are kept.
 */
export async function deactivateOrganization(k: Kernel, actor: Actor, o: store.OrgRow, reason: string | undefined) {
  return k.db.transaction().execute(async (trx) => {
    const org = await lockOrg(trx, o.id);
    const openAgreements = await openAgreementsOf(trx, org.id);
    const facts: DeactivationFacts = { reason, openAgreements };
    const res = await transition(trx, k.workflow, {
      lifecycle: organizationLifecycle,
      action: 'deactivate',
      actor,
      object: org,
      subject: orgSubject(org),
      facts,
      input: { reason },
    });
    for (const m of (await store.listMembers(trx, org.id)).filter((x) => x.state === 'active')) {
      await transition(trx, k.workflow, {
        lifecycle: membershipLifecycle,
        action: 'disable_with_org',
        actor,
        object: m,
        subject: { ...orgSubject(org), type: 'Membership', id: m.id },
        input: { reason, cause: CAUSE },
        values: { disabled_cause: CAUSE },
      });
    }
    return res;
  });
}

/**
 * Decision 0059: a wrongly deactivated org is restored by sys_admin with a reason (event `org.restore`),
 * and exactly the memberships its deactivation disabled come back; actor roles were never touched.
 */
export async function restoreOrganization(k: Kernel, actor: Actor, o: store.OrgRow, reason: string | undefined) {
  return k.db.transaction().execute(async (trx) => {
    const org = await lockOrg(trx, o.id);
    const facts: DeactivationFacts = { reason, openAgreements: [] };
    const res = await transition(trx, k.workflow, {
      lifecycle: organizationLifecycle,
      action: 'restore',
      actor,
      object: org,
      subject: orgSubject(org),
      facts,
      input: { reason },
    });
    for (const m of (await store.listMembers(trx, org.id)).filter(
      (x) => x.state === 'disabled' && x.disabled_cause === CAUSE,
    )) {
      await transition(trx, k.workflow, {
        lifecycle: membershipLifecycle,
        action: 'restore_with_org',
        actor,
        object: m,
        subject: { ...orgSubject(org), type: 'Membership', id: m.id },
        input: { reason },
        values: { disabled_cause: null },
      });
    }
    return res;
  });
}

async function lockOrg(trx: Parameters<typeof store.getOrg>[0], id: string) {
  const org = await store.getOrg(trx, id, true);
  if (!org) throw notFound('Organization', id);
  return org;
}
