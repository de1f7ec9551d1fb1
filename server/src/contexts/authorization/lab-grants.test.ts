import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { assertGrantUsable, getGrantForUse, openLabGrants, resumeLabGrants } from './service.js';

// The labs port (LAB-13; decision 0081): one Grant per filed scope line, basis lab_agreement, held until certified.
let t: TestApp;
const today = () => shanghaiDate(t.kernel.clock.now());
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
const request = (rawAllowed: boolean) => ({
  labId: '00000000-0000-4000-8000-0000000000aa',
  labNo: 'ZHLAB-2026-009',
  labName: '测试实验室',
  agreementId: '00000000-0000-4000-8000-0000000000bb',
  partnerOrgId: oid('zh-labpartner'),
  jurisdictionId: jid('440400'),
  jurisdictionPath: ['000000', '440000', '440400'].map(jid),
  lines: [
    {
      dataResourceId: resourceId('bus-card'),
      fieldIds: [field('kh'), field('sksj')],
      grade: 'general' as const,
      rawAllowed,
      validTo: '2029-06-09',
    },
  ],
});

describe('openLabGrants / resumeLabGrants (authorization port for labs)', () => {
  it('opens a suspended lab_agreement Grant per line for the partner; resuming makes it usable', async () => {
    const k = t.kernel;
    const actor = systemActor('labs-test');
    const [id] = await k.db.transaction().execute((trx) => openLabGrants(trx, k, actor, request(true)));
    const held = (await getGrantForUse(k.db, id!))!;
    expect(held).toMatchObject({
      state: 'suspended',
      operatorOrgId: oid('zh-labpartner'),
      purpose: 'ZHLAB-2026-009 测试实验室',
    });
    expect(() => assertGrantUsable(held, oid('zh-labpartner'), today(), false)).toThrow();
    // Raw lines see clear values: no masking on the personal 卡号.
    expect(held.egressPolicy.masking).toMatchObject({ kh: { method: 'none' }, sksj: { method: 'none' } });
    await k.db.transaction().execute((trx) => resumeLabGrants(trx, k, actor, [id!]));
    const live = (await getGrantForUse(k.db, id!))!;
    expect(live.state).toBe('active');
    expect(() => assertGrantUsable(live, oid('zh-labpartner'), today(), false)).not.toThrow();
    // Nobody else reaches it (AUTH-19: no share or re-grant to a third party, LAB-13).
    expect(() => assertGrantUsable(live, oid('zh-collab'), today(), false)).toThrow();
  });

  it('a line without raw access de-identifies personal fields', async () => {
    const k = t.kernel;
    const [id] = await k.db
      .transaction()
      .execute((trx) => openLabGrants(trx, k, systemActor('labs-test'), request(false)));
    const g = (await getGrantForUse(k.db, id!))!;
    expect(g.egressPolicy.masking.kh?.method).not.toBe('none');
    expect(g.egressPolicy.masking.sksj).toEqual({ method: 'none' });
  });
});
