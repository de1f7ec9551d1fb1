import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';

// 投诉举报 (seed 001): a public channel that opens a case for the authority of the named jurisdiction.
const clock = new FixedClock(new Date('2026-10-02T01:00:00Z')); // during National Day: the channel never closes
let t: TestApp;
let authority: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
}, 120_000);
afterAll(() => t?.close());

const body = (o: Record<string, unknown> = {}) => ({
  kind: 'report',
  about: '某数据公司',
  content: '该公司在其网站上公开出售含个人联系电话的企业名录数据。',
  contact: '13800000000',
  divisionCode: '440400',
  ...o,
});
const fileAs = (c: Client, o: Record<string, unknown> = {}) => c.post('/api/v1/public/complaints', body(o));
const count = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_complaint`.execute(t.kernel.db)).rows[0]!.n,
  );

describe('complaint channel (投诉举报)', () => {
  it('anyone files without login; the case lands in the Zhuhai authority’s queue, not Luohu’s', async () => {
    const res = await fileAs(t.anonymous);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().caseNo).toMatch(/^TS-\d{4}-\d{6}$/);
    expect(res.json().state).toBe('filed');
    const queue = (await authority.get('/api/v1/complaints')).json().items;
    expect(queue.map((c: { caseNo: string }) => c.caseNo)).toContain(res.json().caseNo);
    const luohu = await t.as('luohu.reviewer');
    expect((await luohu.get('/api/v1/complaints')).json().items).toEqual([]);
    // The public cannot read the queue, and an operator is not a supervisor.
    expect((await t.anonymous.get('/api/v1/complaints')).statusCode).toBe(401);
    expect((await (await t.as('operator.admin')).get('/api/v1/complaints')).statusCode).toBe(403);
  });

  it('bad input is refused and writes nothing: short content, unknown division, missing contact, bad credit code', async () => {
    const before = await count();
    expect((await fileAs(t.anonymous, { content: '太短' })).statusCode).toBe(400);
    const unknown = await fileAs(t.anonymous, { divisionCode: '999999' });
    expect(unknown.json().error.code).toBe('COMPLAINT_JURISDICTION_UNKNOWN');
    const noContact = await fileAs(t.anonymous, { contact: undefined });
    expect(noContact.json().error.code).toBe('COMPLAINT_CONTACT_REQUIRED');
    expect((await fileAs(t.anonymous, { aboutUscc: 'not-a-code' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
    // Anonymous without contact is accepted, and keeps no contact or user.
    const anon = await fileAs(t.anonymous, { contact: undefined, anonymous: true });
    expect(anon.statusCode, anon.body).toBe(201);
  });

  it('is limited per source: the 6th submission within an hour is refused with 429, an hour later it is accepted', async () => {
    clock.advanceMs(3600_001); // the earlier submissions leave the window
    for (let i = 0; i < 5; i++) expect((await fileAs(t.anonymous)).statusCode).toBe(201);
    const before = await count();
    const sixth = await fileAs(t.anonymous);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('COMPLAINT_RATE_LIMITED');
    expect(await count()).toBe(before);
    // A signed-in user is another source; an hour later the address may file again.
    expect((await fileAs(await t.as('buyer.admin'))).statusCode).toBe(201);
    clock.advanceMs(3600_001);
    expect((await fileAs(t.anonymous)).statusCode).toBe(201);
    authority = await t.as('authority.admin'); // sessions age with the injected clock
  });

  it('the authority accepts and closes with an outcome; closing without one is refused; the regulator only reads', async () => {
    const filed = (await authority.get('/api/v1/complaints?state=filed')).json().items[0];
    const reg = await t.as('regulator.viewer');
    expect((await reg.post(`/api/v1/complaints/${filed.id}/handle`, { action: 'accept' })).statusCode).toBe(403);
    expect((await authority.post(`/api/v1/complaints/${filed.id}/handle`, { action: 'accept' })).json().state).toBe(
      'accepted',
    );
    const bare = await authority.post(`/api/v1/complaints/${filed.id}/handle`, { action: 'close' });
    expect(bare.json().error.code).toBe('COMPLAINT_OUTCOME_REQUIRED');
    const closed = await authority.post(`/api/v1/complaints/${filed.id}/handle`, {
      action: 'close',
      outcome: '已核查，责令该公司下架相关数据',
    });
    expect(closed.json()).toMatchObject({ state: 'closed', outcome: '已核查，责令该公司下架相关数据' });
  });
});
