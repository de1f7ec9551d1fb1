import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/http/errors.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { canRead } from '../../kernel/workflow/authorize.js';
import { resourceId } from '../../seed/catalog.js';
import { DEMO_AGREEMENT_ID, DEMO_GRANT_IDS } from '../../seed/authorization.js';
import { DEMO_USERS, jid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { getResourceForAuthorization } from '../catalog/service.js';
import { actorOf } from '../identity/test/factories.js';
import { changeGrant, createAgreement, createApplication } from './service.js';
import { CreateApplicationInput } from './model.js';
import * as store from './store.js';
import { collaborationSubject } from './subjects.js';
import { applicationBody, justify } from './test/factories.js';
import * as q from './usecases/queries.js';

// Visibility as a matrix (issue 13, examples.md item 5). "Who may see what" is written twice: as SQL in
// store.ts (ORG_VISIBLE + readable jurisdictions, which every list uses) and as code in subjects.ts +
// canRead (which every detail read uses). Over every demo user (role × organization × jurisdiction) and
// objects in several states, each list must return exactly the rows its detail read lets that user open.
//
// Checked once that it catches a drift: with the source-unit clause of ORG_VISIBLE.scenario_application
// removed temporarily, the test failed (source.admin's list lost the applications about its data that
// the detail still opened), and passed again once it was restored.

const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
const actors = new Map<string, Actor>();

/** Runs a detail read: true when it answers, false on the 404 an unreadable object gets. */
async function opens(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return false;
    throw e;
  }
}

const ids = async (table: string) =>
  (await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} ORDER BY id`.execute(t.kernel.db)).rows.map(
    (r) => r.id,
  );
const states = async (table: string) =>
  (await sql<{ state: string }>`SELECT DISTINCT state FROM ${sql.table(table)}`.execute(t.kernel.db)).rows.map(
    (r) => r.state,
  );
const PAGE = { page: 1, pageSize: 500 };

beforeAll(async () => {
  t = await startTestApp({ clock });
  for (const u of DEMO_USERS) actors.set(u.login, await actorOf(t.kernel, u.login));
  const k = t.kernel;
  const actor = (login: string) => actors.get(login)!;
  // More states than the demo has, built through the use cases as the users who would do it:
  // a draft agreement whose catalog entry awaits 卫健局's consent (a source unit through the catalog only),
  const vaccination = (await getResourceForAuthorization(k.db, resourceId('vaccination')))!;
  await createAgreement(k, actor('authority.admin'), {
    title: '珠海市公共数据资源授权运营（可见性矩阵）',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据权属归数源单位，衍生数据按协议约定分配',
    catalog: [{ resourceId: vaccination.id, fieldCodes: [vaccination.fields[0]!.code] }],
  });
  // a draft application on the demo agreement (next to the demo's approved and pending ones),
  const enterprise = resourceId('enterprise-registration');
  await createApplication(
    k,
    actor('operator.admin'),
    CreateApplicationInput.parse(
      applicationBody(DEMO_AGREEMENT_ID, [{ resourceId: enterprise, fieldCode: 'tyshxydm', justification: justify }]),
    ),
  );
  // and a suspended Grant beside the active one.
  await changeGrant(k, actor('authority.admin'), DEMO_GRANT_IDS.stats, 'suspend', '可见性矩阵：暂停一个授权');
}, 120_000);
afterAll(() => t?.close());

/** Each list, and the detail read that decides whether one of its rows may be opened. */
const MATRIX: {
  table: string;
  list: (a: Actor) => Promise<string[]>;
  opens: (a: Actor, id: string) => Promise<boolean>;
}[] = [
  {
    table: 'operation_agreement',
    list: async (a) => (await q.listAgreements(t.kernel, a, PAGE)).items.map((x) => x.id),
    opens: (a, id) => opens(() => q.getAgreementDetail(t.kernel, a, id)),
  },
  {
    table: 'scenario_application',
    list: async (a) => (await q.listApplications(t.kernel, a, PAGE)).items.map((x) => x.id),
    opens: (a, id) => opens(() => q.getApplicationDetail(t.kernel, a, id)),
  },
  {
    table: 'data_grant',
    list: async (a) => (await q.listGrants(t.kernel, a, PAGE)).items.map((x) => x.id),
    opens: (a, id) => opens(() => q.getGrantDetail(t.kernel, a, id)),
  },
  {
    table: 'emergency_plan',
    list: async (a) =>
      (await q.listFilings(t.kernel, a, PAGE)).items.filter((x) => x.kind === 'emergency_plan').map((x) => x.id),
    opens: (a, id) => opens(() => q.getPlanDetail(t.kernel, a, id)),
  },
  {
    // No detail endpoint: the collaboration's subject (subjects.ts) through canRead, as its writes check it.
    table: 'collaboration_agreement',
    list: async (a) => (await q.listCollaborations(t.kernel, a, PAGE)).items.map((x) => x.id),
    opens: async (a, id) => {
      const c = (await store.getCollaboration(t.kernel.db, id))!;
      const g = (await store.getGrant(t.kernel.db, c.grant_id))!;
      return canRead(a, collaborationSubject(c, g));
    },
  },
];

describe('visibility matrix: every list filter (store.ts ORG_VISIBLE) agrees with its detail read (subjects.ts + canRead)', () => {
  it('the matrix covers objects in several states and users who see some and not others', async () => {
    for (const table of ['operation_agreement', 'scenario_application', 'data_grant'])
      expect((await states(table)).length, table).toBeGreaterThanOrEqual(2);
    expect(actors.size).toBe(DEMO_USERS.length);
  });

  for (const m of MATRIX)
    it(`${m.table}: for each demo user the list holds exactly the rows the detail read opens`, async () => {
      const all = await ids(m.table);
      expect(all.length, `${m.table} has rows`).toBeGreaterThan(0);
      let seeing = 0;
      let blind = 0;
      for (const [login, a] of actors) {
        const listed = (await m.list(a)).sort();
        const readable: string[] = [];
        for (const id of all) if (await m.opens(a, id)) readable.push(id);
        expect(listed, `${m.table} as ${login}`).toEqual(readable.sort());
        if (readable.length) seeing++;
        if (readable.length < all.length) blind++;
      }
      // Not vacuous: someone sees rows of this table, and someone is refused some.
      expect(seeing, `${m.table}: users who see rows`).toBeGreaterThan(0);
      expect(blind, `${m.table}: users refused rows`).toBeGreaterThan(0);
    });
});
