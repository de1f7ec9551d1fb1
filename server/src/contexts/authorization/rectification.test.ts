import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { FixedClock } from '../../kernel/clock.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import type { Database } from '../../kernel/db/connection.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { applyRectification, assertGrantUsable, getGrantForUse, liftRectification } from './service.js';

// AUTH-24 (scenario 9) through the supervision hook, on the demo grants.
let database: Database;
let k: Kernel;
const clock = new FixedClock(new Date('2026-09-01T02:00:00Z'));
const verify = demoId('grant:enterprise-verify');
const actor = systemActor('supervision-rectification');

beforeAll(async () => {
  database = await openTestDatabase('demo');
  k = await createKernel(database, { clock });
});
afterAll(() => database?.close());

describe('AUTH-24 rectification suspends and restores use', () => {
  it('an order against the operator suspends its agreement, grants and collaborations at once; acceptance restores them', async () => {
    // IAM-15: a member of the org in rectification is refused first, with 403 ORG_IN_RECTIFICATION.
    const before = (await getGrantForUse(k.db, verify))!;
    expect(() => assertGrantUsable(before, oid('zh-operator'), '2026-09-01', true)).toThrow(
      expect.objectContaining({ status: 403, code: 'ORG_IN_RECTIFICATION' }),
    );
    const r = await applyRectification(k, actor, {
      orgId: oid('zh-operator'),
      reason: '整改令 2026-09-01',
      deadline: '2026-10-01',
    });
    expect(r.agreementIds).toEqual([demoId('agreement:zh-operator')]);
    const g = (await getGrantForUse(k.db, verify))!;
    expect(g.state).toBe('suspended');
    let err: any;
    try {
      assertGrantUsable(g, oid('zh-operator'), '2026-09-01', false);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      status: 409,
      code: 'GRANT_SUSPENDED',
      details: { failures: [expect.objectContaining({ ruleId: 'AUTH-24' })] },
    });
    await liftRectification(k, actor, { orgId: oid('zh-operator'), reason: '整改验收通过' });
    const back = (await getGrantForUse(k.db, verify))!;
    expect(back.state).toBe('active');
    expect(back.collaboratorOrgIds).toEqual([oid('zh-collab')]);
    expect(() => assertGrantUsable(back, oid('zh-collab'), '2026-09-01', false)).not.toThrow();
  });

  it('an order against the collaborator suspends only its collaboration; the operator keeps using the grant', async () => {
    const r = await applyRectification(k, actor, {
      orgId: oid('zh-collab'),
      reason: '协作单位整改',
      deadline: '2026-10-01',
    });
    expect(r.agreementIds).toEqual([]);
    // Both of the collaborator's demo collaborations: the 核验 Grant's and the incident demo Grant's (issue 16).
    expect([...r.collaborationIds].sort()).toEqual(
      [demoId('collaboration:zh-collab'), demoId('collaboration:zh-collab:incident')].sort(),
    );
    const g = (await getGrantForUse(k.db, verify))!;
    expect(g.state).toBe('active');
    expect(() => assertGrantUsable(g, oid('zh-collab'), '2026-09-01', false)).toThrow(
      expect.objectContaining({ code: 'REAUTHORIZATION_FORBIDDEN' }),
    );
    expect(() => assertGrantUsable(g, oid('zh-operator'), '2026-09-01', false)).not.toThrow();
    await liftRectification(k, actor, { orgId: oid('zh-collab'), reason: '整改验收通过' });
    expect((await getGrantForUse(k.db, verify))!.collaboratorOrgIds).toEqual([oid('zh-collab')]);
  });
});
