import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ENF_07 } from './rules.js';
import { loadProfile } from '../../kernel/profiles/index.js';

const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
let authority: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-11-02T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const USCC = '91440400MA5E223348';
const check = (scope: string) => authority.get(`/api/v1/bans/check?uscc=${USCC}&scope=${scope}`);

describe('ENF-07 bans are checked by credit code', () => {
  it('rule: blocks from startsOn through endsOn, not before or after, not when lifted', () => {
    const p = loadProfile('zhuhai');
    const b = { state: 'active', startsOn: '2026-11-02', endsOn: '2027-11-01' };
    expect(ENF_07.check({ ...b, today: '2026-11-02' }, p)).toMatchObject({ ok: false, code: 'BANNED' });
    expect(ENF_07.check({ ...b, today: '2027-11-01' }, p).ok).toBe(false);
    expect(ENF_07.check({ ...b, today: '2027-11-02' }, p).ok).toBe(true);
    expect(ENF_07.check({ ...b, today: '2026-11-01' }, p).ok).toBe(true);
    expect(ENF_07.check({ ...b, state: 'lifted', today: '2026-12-01' }, p).ok).toBe(true);
  });
  it('a 1-year operator_selection ban blocks that scope only, until its last day', async () => {
    const bad = await authority.post('/api/v1/bans', {
      subjectUscc: USCC,
      scope: 'operator_selection',
      reason: '整改逾期',
      basisDecisionId: '珠数据〔2026〕9号',
      startsOn: '2026-11-02',
      endsOn: '2026-11-01',
    });
    expect(bad.json().error.code).toBe('BAN_PERIOD_INVALID');
    const res = await authority.post('/api/v1/bans', {
      subjectUscc: USCC,
      scope: 'operator_selection',
      reason: '整改逾期',
      basisDecisionId: '珠数据〔2026〕9号',
      startsOn: '2026-11-02',
      endsOn: '2027-11-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await check('operator_selection')).json()).toMatchObject({
      banned: true,
      bans: [{ endsOn: '2027-11-01' }],
    });
    expect((await check('lab_application')).json().banned).toBe(false);
    await at('2027-11-02T02:00:00Z');
    expect((await check('operator_selection')).json().banned).toBe(false);
  });
  it('only the authority records a ban; the check needs a login', async () => {
    const op = await t.as('operator.admin');
    const res = await op.post('/api/v1/bans', {
      subjectUscc: USCC,
      scope: 'lab_application',
      reason: 'x',
      basisDecisionId: 'y',
      startsOn: '2026-11-02',
      endsOn: '2027-11-01',
    });
    expect(res.statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/bans/check?uscc=${USCC}&scope=lab_application`)).statusCode).toBe(401);
  });
});
