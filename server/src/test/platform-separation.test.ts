import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../kernel/http/server.js';
import { oid } from '../seed/identity.js';
import { startTestApp, type TestApp } from './harness.js';

// IAM-14 (三员分立, decision 0059): the three platform administrators read no business object.
// sys_admin and security_admin read the organization register they administer (org profile and
// actor roles); audit_admin reads audit events only. None reads members, keys, resources,
// registrations, agreements, grants, workspaces or any other context's objects.
const PUBLIC =
  /^\/api\/v1\/(public|ledger\/(checkpoint|public-key|entries|proofs))|^\/api\/(health|openapi)|^\/metrics/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PLATFORM = ['platform.admin', 'platform.security', 'platform.audit'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** Ids of every business row: any table that records a jurisdiction, minus the identity register and published entries. */
async function businessIds(): Promise<Set<string>> {
  const cols = await sql<{
    table_name: string;
    column_name: string;
  }>`SELECT c.table_name, c.column_name FROM information_schema.columns c
    WHERE c.table_schema = 'public' AND c.column_name IN ('jurisdiction_id', 'home_jurisdiction_id')
      AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id')`.execute(
    t.kernel.db,
  );
  const ids = new Set<string>();
  for (const c of cols.rows) {
    if (['event', 'jurisdiction', 'org_actor_role', 'organization'].includes(c.table_name)) continue;
    const published = c.table_name === 'data_resource' ? sql`WHERE state <> 'published'` : sql``;
    const rows = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(c.table_name)} ${published}`.execute(
      t.kernel.db,
    );
    rows.rows.forEach((r) => ids.add(r.id));
  }
  const members = await sql<{
    id: string;
  }>`SELECT id::text AS id FROM membership WHERE org_id <> ${oid('platform')}`.execute(t.kernel.db);
  members.rows.forEach((r) => ids.add(r.id));
  return ids;
}

function getRoutes() {
  return (registeredRoutes.get(t.app) ?? [])
    .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !PUBLIC.test(r.url))
    .map((r) => r.url);
}

describe('IAM-14 three-role separation: platform accounts read no business object', () => {
  it.each(PLATFORM)('%s: no list returns a business object', async (login) => {
    const foreign = await businessIds();
    expect(foreign.size).toBeGreaterThan(20);
    const c = await t.as(login);
    const leaks: { url: string; ids: string[] }[] = [];
    for (const url of getRoutes().filter((r) => !r.includes(':'))) {
      if (url === '/api/v1/audit-events' && login === 'platform.audit') continue;
      const res = await c.get(url);
      const ids = [...new Set((res.body.match(UUID) ?? []).filter((id) => foreign.has(id)))];
      if (ids.length) leaks.push({ url, ids: ids.slice(0, 3) });
    }
    expect(leaks).toEqual([]);
  });

  // Every by-id route × every business object (thousands of requests): it took 94 s beside the rest of the suite on a
  // loaded 2-core machine, so the default 60 s is no bound for it (as the cross-tenant by-id sweep).
  it.each(PLATFORM)(
    '%s: every business object asked for by id answers 404',
    async (login) => {
      const foreign = [...(await businessIds())];
      const c = await t.as(login);
      const byId = getRoutes().filter(
        (r) => /^\/api\/v1\/[^:]+\/:[a-zA-Z]+(\/[a-z-]+)?$/.test(r) && !r.startsWith('/api/v1/orgs/'),
      );
      const leaks: string[] = [];
      for (const pattern of byId) {
        for (const id of foreign) {
          const res = await c.get(pattern.replace(/:[a-zA-Z]+/, id));
          if (res.statusCode === 200 && res.body.includes(id)) leaks.push(`${pattern} ${id}`);
        }
      }
      expect(leaks.slice(0, 10)).toEqual([]);
    },
    240_000,
  );
});

describe('IAM-14 three-role separation: the organization register and the audit log', () => {
  it.each(PLATFORM)("%s: another org's members and API keys answer 404", async (login) => {
    const c = await t.as(login);
    for (const org of ['zh-operator', 'zh-samr', 'buyer']) {
      expect((await c.get(`/api/v1/orgs/${oid(org)}/members`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/orgs/${oid(org)}/api-keys`)).statusCode).toBe(404);
    }
    // sys_admin manages the platform's own accounts; the other two do not.
    expect((await c.get(`/api/v1/orgs/${oid('platform')}/members`)).statusCode).toBe(
      login === 'platform.admin' ? 200 : 403,
    );
  });

  it('audit_admin reads audit events of every org, and no organization but its own', async () => {
    const audit = await t.as('platform.audit');
    const events = await audit.get('/api/v1/audit-events?pageSize=500');
    expect(events.statusCode).toBe(200);
    const orgs = new Set(events.json().items.map((e: { actor: { orgId: string | null } }) => e.actor?.orgId));
    expect(orgs.size).toBeGreaterThan(1);
    expect((await audit.get(`/api/v1/orgs/${oid('zh-operator')}`)).statusCode).toBe(404);
    expect((await audit.get(`/api/v1/orgs/${oid('zh-operator')}/actor-roles`)).statusCode).toBe(404);
    const list = (await audit.get('/api/v1/orgs?pageSize=500')).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([oid('platform')]);
  });

  it('sys_admin and security_admin read the organization register they administer, not the audit log', async () => {
    for (const login of ['platform.admin', 'platform.security']) {
      const c = await t.as(login);
      expect((await c.get(`/api/v1/orgs/${oid('zh-operator')}`)).statusCode).toBe(200);
      expect((await c.get('/api/v1/orgs?pageSize=500')).json().total).toBeGreaterThan(10);
      expect((await c.get('/api/v1/audit-events')).statusCode).toBe(403);
    }
  });
});
