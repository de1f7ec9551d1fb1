import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../kernel/calendar/calendar.js';
import { FixedClock } from '../../kernel/clock.js';
import { uuidv7 } from '../../kernel/ids.js';
import { appendEvent } from '../../kernel/ledger/append.js';
import { integrate } from '../../kernel/ledger/sequencer.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { computeFigures } from './usecases/report-drafting.js';
import { runReminderClock } from './usecases/report-reminders.js';

// REP-02 (figures at a ledger checkpoint, recomputable), REP-03 (a changed figure needs a reason), REP-04
// (reminders across National Day) and the Word export, through the HTTP API with an injected clock.
// Events carry the database's time, so the drafted period is the real week around now.
const realToday = shanghaiDate(new Date());
const period = { from: addDays(realToday, -7), to: addDays(realToday, 1) };
const clock = new FixedClock(new Date(`${addDays(realToday, 2)}T02:00:00Z`));
const OP = oid('zh-operator');
let t: TestApp;
let authority: Client;
let op: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
  op = await t.as('operator.admin');
}, 120_000);
afterAll(() => t?.close());

/** Platform facts written through the kernel's event writer (what each context's transition writes). */
async function fact(type: string, id: string, from: string | null, to: string, orgId: string) {
  await t.kernel.db.transaction().execute((trx) =>
    appendEvent(trx, t.kernel.ledger, {
      log: 'main',
      objectType: type,
      objectId: id,
      eventType: `${type}.${to}`,
      action: to,
      fromState: from,
      toState: to,
      actor: { userId: null, orgId, orgUscc: null, role: 'developer', apiKeyId: null },
      retentionClass: 'permanent',
    }),
  );
}
const figures = (size: number) =>
  computeFigures(t.kernel, 'operator_security_semiannual', OP, period, size).then((fs) =>
    Object.fromEntries(fs.map((f) => [f.key, f.value])),
  );

describe('REP-02: a draft computed from platform data at a ledger checkpoint', () => {
  let reportId: string;
  let before: Record<string, number>;
  it('counts the operator’s own jobs and egress decisions, not another org’s, each tied to the checkpoint', async () => {
    before = await figures(Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 4; i++) await fact('Job', uuidv7(), null, 'submitted', OP);
    await fact('Job', uuidv7(), null, 'submitted', oid('zh-collab')); // another org's job
    for (const outcome of ['approved', 'approved', 'denied']) {
      const id = uuidv7();
      await fact('EgressRequest', id, null, 'checking', OP);
      await fact('EgressRequest', id, 'awaiting_review', outcome, oid('zh-authority'));
    }
    const r = await authority.post('/api/v1/reports', {
      kind: 'operator_security_semiannual',
      subjectOrgId: OP,
      period,
    });
    reportId = r.json().id;
    // The subject may not draft its own figures; the authority (or the drafting clock) does.
    expect((await op.post(`/api/v1/reports/${reportId}/auto-draft`, {})).statusCode).toBe(403);
    const d = await authority.post(`/api/v1/reports/${reportId}/auto-draft`, { narrative: '本期无重大变化' });
    expect(d.statusCode, d.body).toBe(200);
    const got = Object.fromEntries(d.json().draft.figures.map((f: { key: string; value: number }) => [f.key, f.value]));
    expect(got.jobs).toBe(before.jobs! + 4);
    expect(got.egress_approved).toBe(before.egress_approved! + 2);
    expect(got.egress_denied).toBe(before.egress_denied! + 1);
    const trail = (await authority.get(`/api/v1/reports/${reportId}/trail`)).json();
    expect(trail.checkpoint.treeSize).toBeGreaterThan(0);
    for (const f of d.json().draft.figures) expect(f.checkpointSize).toBe(trail.checkpoint.treeSize);
  });

  it('anyone who reads it recomputes the same numbers later, even after new events in the period', async () => {
    await fact('Job', uuidv7(), null, 'submitted', OP); // after the checkpoint
    const re = (await op.get(`/api/v1/reports/${reportId}/recompute`)).json();
    const byKey = Object.fromEntries(re.figures.map((f: { key: string }) => [f.key, f]));
    expect(byKey.jobs).toMatchObject({ drafted: before.jobs! + 4, recomputed: before.jobs! + 4, matches: true });
    // Once sequenced, a later checkpoint counts the new job: the bound is what makes the figure reproducible.
    await integrate(t.kernel, 'main');
    expect((await figures(Number.MAX_SAFE_INTEGER)).jobs).toBe(before.jobs! + 5);
  });

  it('REP-03: changing a figure without a reason is refused; with one, the computed value stays beside it; Word export', async () => {
    const jobs = before.jobs! + 4;
    const bare = await op.post(`/api/v1/reports/${reportId}/submit`, {
      sealRef: 'eseal:zh-operator',
      corrections: [{ key: 'jobs', reportedValue: jobs - 1 }],
    });
    expect(bare.json().error.code).toBe('CORRECTION_REASON_REQUIRED');
    const ok = await op.post(`/api/v1/reports/${reportId}/submit`, {
      sealRef: 'eseal:zh-operator',
      corrections: [{ key: 'jobs', reportedValue: jobs - 1, reason: '1 个为测试作业' }],
    });
    expect(ok.json()).toMatchObject({
      state: 'submitted',
      corrections: [{ computedValue: jobs, reportedValue: jobs - 1 }],
    });
    const doc = await authority.get(`/api/v1/reports/${reportId}/export.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK'); // a zip container
    expect((await t.anonymous.get(`/api/v1/reports/${reportId}/export.docx`)).statusCode).toBe(401);
    expect((await (await t.as('collaborator.admin')).get(`/api/v1/reports/${reportId}/export.docx`)).statusCode).toBe(
      404,
    );
  });

  it('REP-02: drafting before the period is over is refused ("报告期尚未结束")', async () => {
    const r = await authority.post('/api/v1/reports', {
      kind: 'operator_security_semiannual',
      subjectOrgId: OP,
      period: { from: realToday, to: addDays(realToday, 30) },
    });
    const d = await authority.post(`/api/v1/reports/${r.json().id}/auto-draft`, {});
    expect(d.statusCode).toBe(422);
    expect(d.json().error.code).toBe('REPORT_PERIOD_NOT_OVER');
  });
});

describe('REP-04: reminders across National Day (scenario 1’s report, due 2026-10-20)', () => {
  it('reminds on 09-30, 10-15, 10-19 and 10-20 once each, recorded as events', async () => {
    clock.set('2026-09-01T02:00:00Z');
    authority = await t.as('authority.admin');
    const r = await authority.post('/api/v1/reports', {
      kind: 'operator_operating_periodic',
      subjectOrgId: OP,
      period: { from: '2026-07-01', to: '2026-09-30' },
    });
    const id = r.json().id;
    const sentOn = async (day: string) => {
      clock.set(`${day}T01:00:00Z`);
      await runReminderClock(t.kernel);
      await runReminderClock(t.kernel); // a second run the same day sends nothing
      authority = await t.as('authority.admin'); // sessions age with the injected clock
      return (await authority.get(`/api/v1/reports/${id}/trail`)).json().reminders.map((x: { day: string }) => x.day);
    };
    expect(await sentOn('2026-09-29')).toEqual([]);
    expect(await sentOn('2026-09-30')).toEqual(['2026-09-30']);
    expect(await sentOn('2026-10-05')).toEqual(['2026-09-30']);
    expect(await sentOn('2026-10-15')).toEqual(['2026-09-30', '2026-10-15']);
    expect(await sentOn('2026-10-19')).toEqual(['2026-09-30', '2026-10-15', '2026-10-19']);
    expect(await sentOn('2026-10-20')).toEqual(['2026-09-30', '2026-10-15', '2026-10-19', '2026-10-20']);
  });
});
