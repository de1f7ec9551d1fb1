import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';

// CAL-05 and scenario 13 through the HTTP API, with an injected clock.
const clock = new FixedClock(new Date('2027-10-08T02:00:00Z'));
let t: TestApp;
let admin: Client;
let authority: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  admin = await t.as('platform.admin');
  authority = await t.as('authority.admin');
}, 120_000);
afterAll(() => t?.close());

const notice = (rows: string[], doc = '国办发明电〔2027〕9号') =>
  `# year: 2028\n# sourceDocNo: ${doc}\ndate,kind,holidayName\n${rows.join('\n')}\n`;
const schedule = () =>
  authority.post('/api/v1/reports', {
    kind: 'operator_operating_periodic',
    subjectOrgId: oid('zh-operator'),
    period: { from: '2027-10-01', to: '2027-12-31' },
  });
const eventCount = async () =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event`.execute(t.kernel.db)).rows[0]!.n);

describe('CAL-05 scenario 13: a provisional year, then its official data', () => {
  let reportId: string;
  it('with no 2028 calendar a clock ending in January 2028 is provisional, and platform_admin is alerted', async () => {
    const r = await schedule();
    expect(r.statusCode, r.body).toBe(201);
    // Fri 2027-12-31 + 10 working days on weekends only: Mon 01-03 … Fri 01-14.
    expect(r.json()).toMatchObject({ dueAt: '2028-01-14T15:59:59.999Z', provisional: true });
    reportId = r.json().id;
    const alerts = (await admin.get('/api/v1/calendar/alerts')).json();
    expect(alerts.provisionalYears).toContain(2028); // after calendar.importReminder (10-01)
    expect(alerts.provisionalClocks.map((c: { id: string }) => c.id)).toContain(reportId);
    expect((await admin.get('/api/v1/calendar/2028')).json()).toMatchObject({ status: 'provisional', versions: [] });
  });

  it('only platform_admin imports; a bad file is refused whole and changes nothing', async () => {
    expect(
      (await authority.post('/api/v1/calendar/imports', { file: notice(['2028-01-01,holiday,元旦']) })).statusCode,
    ).toBe(403);
    // Refused before the file is read: a broken file from a stranger is a 403, not a list of its faults.
    expect((await authority.post('/api/v1/calendar/imports', { file: 'not a notice' })).statusCode).toBe(403);
    const before = await eventCount();
    const bad = await admin.post('/api/v1/calendar/imports', {
      file: notice(['2028-01-08,holiday,x', '2028-01-08,adjusted_workday,x']),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID', details: { problem: 'BOTH_KINDS' } });
    expect(await eventCount()).toBe(before);
    expect((await admin.get('/api/v1/calendar/2028')).json().status).toBe('provisional');
  });

  it('importing data that would move the due date earlier leaves it unchanged (no longer provisional)', async () => {
    // Sat 2028-01-08 worked: recomputed due would be Thu 01-13, earlier than the announced 01-14.
    const res = await admin.post('/api/v1/calendar/imports', {
      file: notice(['2028-01-01,holiday,元旦', '2028-01-08,adjusted_workday,调休']),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'official', importVersion: 1 });
    expect(res.json().versions[0].recomputed).toContainEqual({
      reportId,
      from: '2028-01-14T15:59:59.999Z',
      to: '2028-01-14T15:59:59.999Z',
      kept: true,
    });
    expect((await authority.get(`/api/v1/reports/${reportId}`)).json()).toMatchObject({
      dueAt: '2028-01-14T15:59:59.999Z',
      provisional: false,
    });
    expect(t.kernel.calendar.isWorkingDay('2028-01-08')).toBe(true);
  });

  it('a new version supersedes the old; a later due date is applied and recorded as an event', async () => {
    const res = await admin.post('/api/v1/calendar/imports', {
      file: notice(['2028-01-03,holiday,补假', '2028-01-04,holiday,补假'], '国办发明电〔2027〕10号'),
    });
    expect(res.json()).toMatchObject({ importVersion: 2, sourceDocNo: '国办发明电〔2027〕10号' });
    expect(res.json().versions.map((v: { state: string }) => v.state)).toEqual(['official', 'superseded']);
    // Two holidays on 01-03/04: the 10th working day is Tue 01-18.
    expect((await authority.get(`/api/v1/reports/${reportId}`)).json().dueAt).toBe('2028-01-18T15:59:59.999Z');
    const ev = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event
      WHERE object_id = ${reportId} AND event_type = 'Report.due_recomputed'`.execute(t.kernel.db);
    expect(ev.rows[0]!.n).toBe(2);
  });
});

describe('CAL-01/CAL-02 scenarios 1 and 2 through /calendar/add-working-days', () => {
  it('National Day: 10 working days from 2026-09-30 end on 2026-10-20 (Sat 10-10 counts)', async () => {
    const r = (await authority.get('/api/v1/calendar/add-working-days?date=2026-09-30&n=10')).json();
    expect(r).toMatchObject({ result: '2026-10-20', dueAt: '2026-10-20T15:59:59.999Z', provisional: false });
  });
  it('Spring Festival: 15 working days from 2026-02-10 end on 2026-03-09 (Sat 02-14 and 02-28 count)', async () => {
    const r = (await authority.get('/api/v1/calendar/add-working-days?date=2026-02-10&n=15')).json();
    expect(r.result).toBe('2026-03-09');
    expect((await authority.get('/api/v1/calendar/add-working-days?date=2026-02-10&n=-1')).statusCode).toBe(400);
  });
});
