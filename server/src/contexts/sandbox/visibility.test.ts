import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/http/errors.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { canRead } from '../../kernel/workflow/authorize.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { oid } from '../../seed/identity.js';
import { actorOf } from '../identity/test/factories.js';
import { getServiceFor, listServicesFor, serviceSubject } from './data-services/templates.js';
import { egressLifecycle, jobLifecycle, serviceLifecycle, workspaceLifecycle } from './lifecycle.js';
import * as store from './store.js';
import { buildEgressRequest, buildJob, buildService, buildWorkspace } from './test/factories.js';
import { egressSubject, getEgressFor, listEgress } from './usecases/egress.js';
import { getJobFor, listJobsFor } from './usecases/jobs.js';
import { listWorkspaces, loadWorkspace, workspaceSubject } from './usecases/workspaces.js';

// Visibility as a matrix (issue 13; style.md §4 "lists filter in SQL with the same relationship"). The sandbox's
// lists filter in SQL (store.list…Visible), its detail reads ask the policy (canRead on the object's subject).
// Over role × organization × state, each SQL filter must select exactly the rows the policy lets the reader
// read, and each list endpoint must answer exactly the objects its detail endpoint lets the reader open.

let t: TestApp;

/** Who reads: platform, the 珠海 authority and regulator, the holder, its collaborator, a buyer, other regions. */
const READERS = [
  'platform.admin',
  'platform.audit',
  'authority.admin',
  'authority.reviewer',
  'regulator.viewer',
  'operator.admin',
  'operator.dev',
  'collaborator.admin',
  'buyer.admin',
  'source.admin',
  'gd.reviewer', // 广东 province: an ancestor of 珠海 and 罗湖
  'luohu.reviewer', // 深圳罗湖: a sibling region
];
const actors = new Map<string, Actor>();
const HOLDERS = ['zh-operator', 'zh-collab', 'buyer'];

beforeAll(async () => {
  t = await startTestApp();
  const k = t.kernel;
  // Workspaces of three holders, in 珠海 and in 罗湖, in every state; each with a Job, an EgressRequest and a
  // data-service template, whose states rotate through their lifecycles.
  const egressStates = egressLifecycle.states;
  const jobStates = jobLifecycle.states;
  let n = 0;
  for (const holder of HOLDERS)
    for (const division of ['440400', '440303'] as const)
      for (const state of workspaceLifecycle.states) {
        const ws = await buildWorkspace(k, { holderOrgId: oid(holder), division, state });
        await buildJob(k, ws, { state: jobStates[n % jobStates.length] });
        // Every other request is addressed to another org (EGR: the recipient reads it too).
        await buildEgressRequest(k, ws, {
          state: egressStates[n % egressStates.length],
          recipientOrgId: n % 2 ? oid('buyer') : undefined,
        });
        await buildService(k, ws, { state: serviceLifecycle.states[n % serviceLifecycle.states.length] });
        n++;
      }
  for (const login of READERS) actors.set(login, await actorOf(k, login));
}, 300_000);
afterAll(() => t?.close());

/** A refused read (404 unreadable, 403 forbidden) shows nothing. */
async function readable(f: () => Promise<unknown>): Promise<boolean> {
  try {
    await f();
    return true;
  } catch (e) {
    if (e instanceof AppError && [403, 404].includes(e.status)) return false;
    throw e;
  }
}

const sorted = (ids: string[]) => [...ids].sort();
const jids = (a: Actor) => a.readableJurisdictionIds ?? [];
// The universe of each object type, read by state (every state is listed, so nothing is missed).
const allWorkspaces = () => store.listWorkspacesByState(t.kernel.db, workspaceLifecycle.states);
const allEgress = async () =>
  (await Promise.all(egressLifecycle.states.map((s) => store.listEgressByState(t.kernel.db, s)))).flat();

describe('sandbox visibility matrix: each list returns exactly what the detail read allows (issue 13)', () => {
  it('covers every state in two regions, and each reader sees some but not all', async () => {
    const ws = await allWorkspaces();
    for (const s of workspaceLifecycle.states)
      expect(
        ws.some((w) => w.state === s),
        s,
      ).toBe(true);
    const eg = await allEgress();
    for (const s of egressLifecycle.states)
      expect(
        eg.some((e) => e.state === s),
        s,
      ).toBe(true);
    let seenByAnyone = 0;
    for (const [login, a] of actors) {
      const seen = ws.filter((w) => canRead(a, workspaceSubject(w))).length;
      // Only the province (an ancestor of both regions) reads them all.
      if (login !== 'gd.reviewer') expect(seen, login).toBeLessThan(ws.length);
      seenByAnyone += seen;
    }
    expect(seenByAnyone).toBeGreaterThan(0);
  });

  it('GET /workspaces: the SQL filter selects exactly the Workspaces canRead allows (GET /workspaces/:id)', async () => {
    const all = await allWorkspaces();
    for (const [login, a] of actors) {
      const filtered = await store.listWorkspacesVisible(t.kernel.db, a.orgId ?? null, jids(a));
      const allowed = all.filter((w) => canRead(a, workspaceSubject(w)));
      expect(sorted(filtered.map((w) => w.id)), `${login} SQL`).toEqual(sorted(allowed.map((w) => w.id)));
      const listed = (await listWorkspaces(t.kernel, a)).items.map((w) => w.id);
      const opened = [];
      for (const w of all) if (await readable(() => loadWorkspace(t.kernel, a, w.id))) opened.push(w.id);
      expect(sorted(listed), `${login} list`).toEqual(sorted(opened));
    }
  });

  it('GET /egress-requests: the SQL filter selects exactly the requests canRead allows (GET /egress-requests/:id)', async () => {
    const all = await allEgress();
    for (const [login, a] of actors) {
      const filtered = (await store.listEgressVisible(t.kernel.db, a.orgId ?? null, jids(a), null, 1_000_000, 0)).rows;
      const allowed = all.filter((e) => canRead(a, egressSubject(e)));
      expect(sorted(filtered.map((e) => e.id)), `${login} SQL`).toEqual(sorted(allowed.map((e) => e.id)));
      const listed = (await listEgress(t.kernel, a, { page: 1, pageSize: 1_000_000 })).items.map((e) => e.id);
      const opened = [];
      for (const e of all) if (await readable(() => getEgressFor(t.kernel, a, e.id))) opened.push(e.id);
      expect(sorted(listed), `${login} list`).toEqual(sorted(opened));
    }
  });

  it('GET /egress-requests?state=: each state filter lists exactly the readable requests in that state', async () => {
    const all = await allEgress();
    for (const [login, a] of actors)
      for (const state of egressLifecycle.states) {
        const listed = (await listEgress(t.kernel, a, { state, page: 1, pageSize: 1_000_000 })).items.map((e) => e.id);
        const allowed = all.filter((e) => e.state === state && canRead(a, egressSubject(e))).map((e) => e.id);
        expect(sorted(listed), `${login} state=${state}`).toEqual(sorted(allowed));
      }
  });

  it('GET /workspaces/:id/jobs: lists exactly the Jobs GET /workspaces/:id/jobs/:jobId opens, in every Job state', async () => {
    const all = await allWorkspaces();
    for (const [login, a] of actors)
      for (const w of all) {
        const jobs = await store.listJobs(t.kernel.db, w.id, 1000);
        const listed = (await readable(() => listJobsFor(t.kernel, a, w.id)))
          ? (await listJobsFor(t.kernel, a, w.id)).items.map((j) => j.id)
          : [];
        const opened = [];
        for (const j of jobs) if (await readable(() => getJobFor(t.kernel, a, w.id, j.id))) opened.push(j.id);
        expect(sorted(listed), `${login} ${w.state}`).toEqual(sorted(opened));
      }
  });

  it('GET /services: the SQL filter selects exactly the templates canRead allows (GET /services/:id), in every state', async () => {
    const all = await store.listServicesByState(t.kernel.db, serviceLifecycle.states);
    for (const s of serviceLifecycle.states)
      expect(
        all.some((x) => x.state === s),
        s,
      ).toBe(true);
    for (const [login, a] of actors) {
      const filtered = await store.listServicesVisible(t.kernel.db, a.orgId ?? null, jids(a));
      const allowed = all.filter((x) => canRead(a, serviceSubject(x)));
      expect(sorted(filtered.map((x) => x.id)), `${login} SQL`).toEqual(sorted(allowed.map((x) => x.id)));
      const listed = (await listServicesFor(t.kernel, a)).items.map((x) => x.id);
      const opened = [];
      for (const x of all) if (await readable(() => getServiceFor(t.kernel, a, x.id))) opened.push(x.id);
      expect(sorted(listed), `${login} list`).toEqual(sorted(opened));
    }
  });
});
