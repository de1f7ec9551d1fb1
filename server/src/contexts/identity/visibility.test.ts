import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/http/errors.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { authorize, type Subject } from '../../kernel/workflow/authorize.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { canReadOrg, orgSubject } from './policy.js';
import * as store from './store.js';
import { actorOf, buildApiKey, buildMembership, buildOrg } from './test/factories.js';
import { listApiKeys } from './usecases/apikeys.js';
import { listAuditEvents } from './usecases/audit-events.js';
import { listMembers } from './usecases/members.js';
import { changeOrgState, listOrganizations } from './usecases/organizations.js';

// Visibility as a matrix (issue 13; style.md §4 "lists filter in SQL with the same relationship"): every identity
// list filters in SQL, every detail read asks the policy. Over role × organization × state, each list must return
// exactly the objects the detail read check allows, so the two copies of "who may see what" cannot drift.

let t: TestApp;
const ORG_STATES = ['pending_verification', 'active', 'suspended', 'deactivated'] as const;

/** Who reads, by role and organization: platform admins, authority, operator, source unit, regulator, other regions. */
const READERS = [
  'platform.admin', // sys_admin
  'platform.security', // security_admin
  'platform.audit', // audit_admin
  'authority.admin', // 珠海 authority, org_admin + reviewer
  'authority.reviewer',
  'operator.admin',
  'operator.dev',
  'source.admin',
  'regulator.viewer', // 珠海 regulator, auditor
  'gd.reviewer', // 广东 province authority: an ancestor of 珠海 and 罗湖
  'luohu.reviewer', // 深圳罗湖 authority: a sibling region
  'buyer.admin',
];
const actors = new Map<string, Actor>();

beforeAll(async () => {
  t = await startTestApp();
  const k = t.kernel;
  // Organizations in every state, in 珠海 (440400) and in 罗湖 (440303).
  for (const division of ['440400', '440303'])
    for (const state of ORG_STATES) await buildOrg(k, { division, state, actorRole: { actor: 'buyer' } });
  // Members in each membership state: invited, active, and disabled with their org's deactivation.
  const staffed = await buildOrg(k, { actorRole: { actor: 'buyer' } });
  await buildMembership(k, staffed.id, { roles: ['auditor'] });
  await buildMembership(k, staffed.id, { state: 'invited' });
  const closing = await buildOrg(k);
  await buildMembership(k, closing.id);
  await changeOrgState(k, await actorOf(k, 'platform.admin'), closing.id, 'deactivate', '测试注销');
  // API keys, active and revoked, in both regions.
  await buildApiKey(k, { orgId: staffed.id });
  await buildApiKey(k, { orgId: staffed.id, state: 'revoked' });
  const luohuBuyer = await buildOrg(k, { division: '440303', actorRole: { actor: 'buyer' } });
  await buildApiKey(k, { orgId: luohuBuyer.id });
  for (const login of READERS) actors.set(login, await actorOf(k, login));
  // The staffed org's own admin and auditor read too.
  const own = (await store.listMembers(k.db, staffed.id)).filter((m) => m.state === 'active');
  for (const m of own) actors.set(`${m.roles.join('+')}@staffed`, await actorOf(k, m.login_name!, staffed.id));
}, 300_000);
afterAll(() => t?.close());

// The universe of each object type is read with its own plain SQL, never through the list under test.
const ids = async (q: RawBuilder<{ id: string }>) => (await q.execute(t.kernel.db)).rows.map((r) => r.id);
const allOrgs = async () =>
  (await Promise.all((await ids(sql`SELECT id FROM organization`)).map((id) => store.getOrg(t.kernel.db, id)))).map(
    (o) => o!,
  );
const allMemberships = async () =>
  (
    await Promise.all((await ids(sql`SELECT id FROM membership`)).map((id) => store.getMembership(t.kernel.db, id)))
  ).map((m) => m!);
const allApiKeys = async () =>
  (await sql<{ id: string; org_id: string; state: string }>`SELECT id, org_id, state FROM api_key`.execute(t.kernel.db))
    .rows;

/** A refused list (404 unreadable org, 403 role) shows nothing. */
async function visible<T>(f: () => Promise<T[]>): Promise<T[]> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof AppError && [403, 404].includes(e.status)) return [];
    throw e;
  }
}

const allows = (a: Actor, permission: string, s: Subject) =>
  authorize(a, permission, s, t.kernel.clock.now(), t.kernel.profile).allowed;
const sorted = (ids: string[]) => [...ids].sort();

describe('identity visibility matrix: each list returns exactly what the detail read allows (issue 13)', () => {
  it('covers every organization state, in two regions, and each reader sees some but not all', async () => {
    const orgs = await allOrgs();
    for (const s of ORG_STATES) expect(orgs.some((o) => o.state === s)).toBe(true);
    for (const [login, a] of actors) {
      const seen = orgs.filter((o) => canReadOrg(a, o)).length;
      expect(seen, login).toBeGreaterThan(0);
      if (!['platform.admin', 'platform.security'].includes(login)) expect(seen, login).toBeLessThan(orgs.length);
    }
  });

  it('GET /orgs (IAM-10, IAM-14): the SQL filter equals canReadOrg (GET /orgs/:id), for every state filter', async () => {
    const orgs = await allOrgs();
    for (const [login, a] of actors)
      for (const state of [undefined, ...ORG_STATES]) {
        const listed = (await listOrganizations(t.kernel, a, { state, page: 1, pageSize: 10_000 })).rows;
        const readable = orgs.filter((o) => canReadOrg(a, o) && (!state || o.state === state));
        expect(sorted(listed.map((o) => o.id)), `${login} state=${state ?? 'any'}`).toEqual(
          sorted(readable.map((o) => o.id)),
        );
      }
  });

  it('GET /orgs/:id/members (IAM-14, IAM-16): listed memberships equal those member.read allows, in every state', async () => {
    const orgs = await allOrgs();
    const memberships = await allMemberships();
    for (const s of ['invited', 'active', 'disabled'])
      expect(
        memberships.some((m) => m.state === s),
        s,
      ).toBe(true);
    const orgOf = new Map(orgs.map((o) => [o.id, o]));
    for (const [login, a] of actors) {
      const listed = (await Promise.all(orgs.map((o) => visible(() => listMembers(t.kernel, a, o.id))))).flat();
      const readable = memberships.filter((m) =>
        allows(a, 'member.read', {
          ...orgSubject(orgOf.get(m.org_id)!),
          type: 'Membership',
          id: m.id,
          createdBy: null,
          subjectUserId: m.user_id,
        }),
      );
      expect(sorted(listed.map((m) => m.id)), login).toEqual(sorted(readable.map((m) => m.id)));
    }
  });

  it('GET /orgs/:id/api-keys (KEY-01): listed keys equal those apikey.read allows, active and revoked', async () => {
    const orgs = await allOrgs();
    const keys = await allApiKeys();
    for (const s of ['active', 'revoked'])
      expect(
        keys.some((x) => x.state === s),
        s,
      ).toBe(true);
    const orgOf = new Map(orgs.map((o) => [o.id, o]));
    for (const [login, a] of actors) {
      const listed = (await Promise.all(orgs.map((o) => visible(() => listApiKeys(t.kernel, a, o.id))))).flat();
      const readable = keys.filter((x) =>
        allows(a, 'apikey.read', { ...orgSubject(orgOf.get(x.org_id)!), type: 'ApiKey', id: x.id }),
      );
      expect(sorted(listed.map((x) => x.id)), login).toEqual(sorted(readable.map((x) => x.id)));
    }
  });

  it('GET /audit-events (AUD-01): the SQL scope equals what audit.read allows on each event', async () => {
    const events = (
      await sql<{ id: string; org_id: string | null; jurisdiction_id: string | null; path: string[] | null }>`
        SELECT e.id, e.actor->>'orgId' AS org_id, e.jurisdiction_id, j.path
        FROM event e LEFT JOIN jurisdiction j ON j.id = e.jurisdiction_id`.execute(t.kernel.db)
    ).rows;
    for (const [login, a] of actors) {
      const listed = await visible(
        async () => (await listAuditEvents(t.kernel, a, { page: 1, pageSize: 1_000_000 })).items,
      );
      const readable = events.filter((e) =>
        allows(a, 'audit.read', {
          type: 'AuditEvent',
          id: e.id,
          ownerOrgId: e.org_id,
          jurisdictionId: e.jurisdiction_id,
          jurisdictionPath: e.path ?? undefined,
        }),
      );
      expect(sorted(listed.map((e) => e.id)), login).toEqual(sorted(readable.map((e) => e.id)));
    }
  });
});
