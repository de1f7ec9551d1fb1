import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { retentionClassOf } from '../../kernel/workflow/lifecycle.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { eligibleFrom, retentionPeriod } from '../ledger/rules.js';
import { proposeDestruction } from '../ledger/service.js';
import { registrationLifecycle } from './lifecycle.js';

const clock = new FixedClock(new Date('2050-06-01T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

describe('REG-08 registration records are kept reg.retentionYears', () => {
  const cls = () => retentionClassOf(registrationLifecycle, {});
  it('the registration lifecycle carries the registration retention class: 30 years, guizhou 20', () => {
    expect(retentionPeriod(cls(), loadProfile('zhuhai'))).toEqual({ years: 30 });
    expect(retentionPeriod(cls(), loadProfile('guizhou'))).toEqual({ years: 20 });
    expect(eligibleFrom(cls(), '2026-03-19', loadProfile('guizhou'))).toBe('2046-03-20');
    expect(eligibleFrom(cls(), '2026-03-19', loadProfile('national-2025'))).toBe('2056-03-20');
  });

  it('a registration record cannot be proposed for destruction before its 30 years (RETENTION_NOT_ENDED), even 24 years on', async () => {
    const regId = demoId('catalog-reg:enterprise-registration');
    const entry = await t.kernel.db
      .selectFrom('ledger_entry')
      .select(['retention_class'])
      .where('object_id', '=', regId)
      .executeTakeFirstOrThrow();
    expect(entry.retention_class).toBe('registration');
    const err = await proposeDestruction(t.kernel, systemActor('retention-test'), {
      objectType: 'ResourceRegistration',
      objectIds: [regId],
      ownerOrgId: oid('zh-samr'),
      dataDescription: '登记记录',
    }).catch((e) => e);
    expect(err.status).toBe(409);
    expect(JSON.stringify(err.details)).toContain('RETENTION_NOT_ENDED');
  });
});
