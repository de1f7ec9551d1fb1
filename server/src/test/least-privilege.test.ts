import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GRANTS } from '../seed/sandbox.js';
import { startTestApp, type TestApp } from './harness.js';

// IAM-17: data fields are reachable only through a Grant, never through a role alone. Every demo
// account whose org is neither the Grant's holder nor a filed collaborator — however strong its role
// (authority reviewer, the source unit that owns the data, regulator, platform, buyer) — cannot open a
// Workspace on it, see its Workspaces or run a Job in them; the holder's developer can.
const NOT_GRANTEES = [
  'authority.admin',
  'authority.reviewer',
  'source.admin',
  'regulator.viewer',
  'gd.reviewer',
  'platform.admin',
  'platform.security',
  'buyer.admin',
  'evaluator.admin',
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('IAM-17 data only through a Grant', () => {
  it('refuses every non-grantee a Workspace and a Job on the demo grant; the holder has one', async () => {
    const dev = await t.as('operator.dev');
    const ws = ((await dev.get('/api/v1/workspaces')).json().items as { id: string; grantId: string }[]).find(
      (w) => w.grantId === DEMO_GRANTS.verify,
    )!;
    expect(ws).toBeTruthy();
    const mine = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区',
    });
    expect([201, 202]).toContain(mine.statusCode);
    const preview = (id: string) => `/api/v1/workspaces/${ws.id}/jobs/${id}/preview`;
    expect((await dev.get(preview(mine.json().id))).json().rows.length).toBeGreaterThan(0);
    const reached: string[] = [];
    for (const login of NOT_GRANTEES) {
      const c = await t.as(login);
      const open = await c.post('/api/v1/workspaces', { grantId: DEMO_GRANTS.verify });
      if (open.statusCode < 400) reached.push(`${login} POST /workspaces ${open.statusCode}`);
      // Supervisors may see that a Workspace exists (its metadata), never run a Job in it or read a result.
      const job = await c.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT * FROM 企业登记信息' });
      if (![403, 404].includes(job.statusCode)) reached.push(`${login} job ${job.statusCode}`);
      const jobs = await c.get(`/api/v1/workspaces/${ws.id}/jobs`);
      if (jobs.statusCode === 200 && jobs.json().items?.some((j: { preview?: unknown[] }) => j.preview?.length))
        reached.push(`${login} reads job results`);
      const one = await c.get(`/api/v1/workspaces/${ws.id}/jobs/${mine.json().id}`);
      if (one.statusCode === 200 && one.json().preview?.length) reached.push(`${login} reads a job's rows`);
      const rows = await c.get(preview(mine.json().id));
      if (rows.statusCode === 200) reached.push(`${login} reads a job's rows in the viewer`);
    }
    expect(reached).toEqual([]);
  });
});
