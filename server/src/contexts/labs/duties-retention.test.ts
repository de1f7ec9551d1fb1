import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { proposeDestruction } from '../ledger/service.js';

// labs.md LAB-27 (ledger.md LED-14): a lab's authorization documents, transmission logs and feedback reports are
// kept in retention class `permanent` and can never be proposed for destruction, even decades on.
const clock = new FixedClock(new Date('2070-01-01T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 120_000);
afterAll(() => t?.close());

async function classesOf(objectId: string) {
  const rows = await t.kernel.db
    .selectFrom('ledger_entry')
    .select(['object_type', 'retention_class'])
    .where('object_id', '=', objectId)
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  return [...new Set(rows.map((r) => `${r.object_type}:${r.retention_class}`))];
}

describe('LAB-27 the demo lab’s records are permanent', () => {
  it('the lab, its application and filed agreement, its Grant and its quarterly usage report', async () => {
    const agreement = await t.kernel.db
      .selectFrom('lab_agreement')
      .select('grant_ids')
      .where('id', '=', demoId('lab-agreement:transit'))
      .executeTakeFirstOrThrow();
    const grantId = (agreement.grant_ids as string[])[0]!;
    expect(await classesOf(demoId('lab:transit'))).toEqual(['Lab:permanent']);
    expect(await classesOf(demoId('lab-application:transit'))).toEqual(['LabApplication:permanent']);
    expect(await classesOf(demoId('lab-agreement:transit'))).toEqual(['LabAgreement:permanent']);
    expect(await classesOf(grantId)).toEqual(['Grant:permanent']);
    expect(await classesOf(demoId('report:lab-transit-2026q3'))).toEqual(['Report:permanent']);
  });

  it('a destruction proposal for the lab’s report is refused (RETENTION_PERMANENT) in 2070', async () => {
    const err = await proposeDestruction(t.kernel, systemActor('retention-test'), {
      objectType: 'Report',
      objectIds: [demoId('report:lab-transit-2026q3')],
      ownerOrgId: oid('zh-labpartner'),
      dataDescription: '实验室季度数据使用情况报告',
    }).catch((e) => e);
    expect(err.status).toBe(409);
    expect(JSON.stringify(err.details)).toContain('RETENTION_PERMANENT');
  });
});
