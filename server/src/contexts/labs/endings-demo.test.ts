import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { activeBanFor } from '../supervision/service.js';

// The labs demo's evaluation and exit (seed/labs-endings.ts, decision 0087): what a new user sees after `npm start`.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('labs demo seed: an evaluated lab and a revoked lab', () => {
  it('shows the transit lab 2026 evaluation passed, to the parties and the evaluator', async () => {
    for (const login of ['lab.initiator', 'lab.partner']) {
      const c = await t.as(login);
      const e = (await c.get(`/api/v1/labs/${demoId('lab:transit')}/evaluations`)).json();
      expect(e.items).toMatchObject([{ year: 2026, state: 'concluded', result: 'pass', total: 86 }]);
    }
    const desk = (await (await t.as('evaluator.admin')).get('/api/v1/lab-evaluations')).json();
    expect(desk.items.map((x: { labNo: string }) => x.labNo).sort()).toEqual(['ZHLAB-2026-001', 'ZHLAB-2026-002']);
  });

  it('shows the revoked parking lab with its ending, its revoked plaque and the partner Ban (LAB-24)', async () => {
    const transport = await t.as('transport.admin');
    const ended = (await transport.get(`/api/v1/labs/${demoId('lab:parking')}/endings`)).json();
    expect(ended).toMatchObject({
      state: 'revoked',
      supplyMode: 'operator_market',
      termination: { terminatedOn: '2026-11-10' },
      ending: { kind: 'revoked', plaqueStatus: 'revoked', bans: [{ ruleId: 'LAB-24', endsOn: '2027-11-20' }] },
      evaluations: [{ result: 'fail', total: 42 }],
    });
    expect(await activeBanFor(t.kernel.db, '91440300MA5G8K2L3A', '2027-01-10', 'lab_application')).toMatchObject({
      endsOn: '2027-11-20',
    });
    // The Ban names the revocation's change-request number as its decision reference (决定文号), never an id.
    const bans = (await (await t.as('authority.admin')).get('/api/v1/supervision/desk/bans')).json();
    const labBan = bans.items.find((b: { subjectUscc: string }) => b.subjectUscc === '91440300MA5G8K2L3A');
    expect(labBan.basisDecisionId).toMatch(/^ZHLAB-2026-002-BG\d{2}$/);
    const pub = (await t.anonymous.get('/api/v1/public/labs')).json();
    expect(pub.items.some((l: { labNo: string }) => l.labNo === 'ZHLAB-2026-002')).toBe(false);
  });
});
