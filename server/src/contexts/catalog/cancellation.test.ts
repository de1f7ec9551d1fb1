import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { importObject } from '../../kernel/workflow/transition.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { DEMO_GRANT_IDS } from '../../seed/authorization.js';
import { grantLifecycle } from '../authorization/lifecycle.js';
import { runRegistrationClocks } from './usecases/registration.js';
import { REG_02 } from './rules.js';
import { getResourceForAuthorization } from './usecases/resources.js';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 10:00 Shanghai
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const MATERIALS = ['application', 'resource_info', 'compliance_statement'].map((kind) => ({
  kind,
  fileRef: `${kind}.pdf`,
  sm3Hash: 'b'.repeat(64),
}));
const DECL = { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true };

/** A second active grant on the same resource (fixture: a copy of the demo grant under a new number). */
async function secondGrant(): Promise<string> {
  const g = await t.kernel.db
    .selectFrom('data_grant')
    .selectAll()
    .where('id', '=', DEMO_GRANT_IDS.verify)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const {
    state: _s,
    version: _v,
    created_at: _c,
    updated_at: _u,
    scenario_application_id: _a,
    ...rest
  } = g as Record<string, any>;
  await t.kernel.db.transaction().execute((trx) =>
    importObject(
      trx,
      t.kernel.workflow,
      grantLifecycle,
      'active',
      {
        ...rest,
        id,
        grant_no: 'GR-2026-0901',
        purpose: JSON.stringify(g.purpose),
        fields: JSON.stringify(g.fields),
        row_filters: JSON.stringify(g.row_filters),
        egress_policy: JSON.stringify(g.egress_policy),
        suspension: null,
      },
      systemActor('test-fixture'),
      g.jurisdiction_id as string,
    ),
  );
  return id;
}

describe('catalog scenario 11: cancellation (REG-04)', () => {
  const rid = resourceId('enterprise-registration');
  let grants: string[], regId: string, code: string;

  it('given a registered resource with 2 active Grants', async () => {
    grants = [DEMO_GRANT_IDS.verify, await secondGrant()];
    const auth = await t.as('authority.admin');
    for (const g of grants) expect((await auth.get(`/api/v1/grants/${g}`)).json()).toMatchObject({ state: 'active' });
    code = (await auth.get(`/api/v1/resources/${rid}`)).json().registrationCode;
    expect((await t.anonymous.get(`/api/v1/public/registrations/${code}`)).json()).toMatchObject({
      state: 'registered',
      stateZh: '已登记',
    });
  });

  it('the cancellation is filed and reviewed; during publicity nothing is suspended yet', async () => {
    const src = await t.as('source.admin');
    const res = await src.post('/api/v1/registrations', {
      resourceId: rid,
      type: 'cancellation',
      materials: MATERIALS,
      declarations: DECL,
    });
    expect(res.statusCode).toBe(201);
    regId = res.json().id;
    const reg = await t.as('authority.admin');
    for (const a of ['accept', 'start_review', 'post_publicity'])
      expect((await reg.post(`/api/v1/registrations/${regId}/${a}`, {})).statusCode).toBe(200);
    for (const g of grants) expect((await reg.get(`/api/v1/grants/${g}`)).json().state).toBe('active');
    expect((await reg.get('/api/v1/catalog-tasks?kind=cancellation_followup')).json().items).toEqual([]);
  });

  it('when it completes: both Grants suspended, the authority has a task due in 1 WD, the code verifies as 已注销', async () => {
    clock.set('2026-03-17T01:00:00Z'); // Tue 09:00, publicity ended Mon 03-16 23:59:59
    expect(await runRegistrationClocks(t.kernel)).toBeGreaterThanOrEqual(1);
    const auth = await t.as('authority.admin');
    for (const g of grants) expect((await auth.get(`/api/v1/grants/${g}`)).json().state).toBe('suspended');
    const tasks = (await auth.get('/api/v1/catalog-tasks?kind=cancellation_followup')).json().items;
    expect(tasks).toEqual([
      expect.objectContaining({ ruleId: 'REG-04', resourceId: rid, subjectId: regId, state: 'open' }),
    ]);
    expect(tasks[0].dueAt).toBe(new Date('2026-03-18T23:59:59.999+08:00').toISOString());
    expect(tasks[0].details.suspendedGrantIds.sort()).toEqual([...grants].sort());
    const verify = (await t.anonymous.get(`/api/v1/public/registrations/${code}`)).json();
    expect(verify).toMatchObject({ state: 'cancelled', stateZh: '已注销', registrationCode: code });
  });

  it('new Grants are blocked (REG-02 on the cancelled resource)', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, rid))!;
    expect(r.registered).toBe(false);
    expect(REG_02.check({ resources: [r] }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'RESOURCE_NOT_REGISTERED',
    });
  });
});
