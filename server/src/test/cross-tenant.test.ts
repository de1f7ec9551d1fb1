import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../kernel/http/server.js';
import { jid } from '../seed/identity.js';
import { startTestApp, type TestApp } from './harness.js';

// A sweep over every GET endpoint (identity.md: cross-tenant reads are bugs): a user of
// 深圳市罗湖区 must never receive an object of 珠海市, whether listed or asked for by id.
const PUBLIC =
  /^\/api\/v1\/(public|ledger\/(checkpoint|public-key|entries|proofs))|^\/api\/(health|openapi)|^\/metrics/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** Ids of every row that belongs to a 珠海 jurisdiction, in any table that records one. */
async function zhuhaiObjectIds(opts: { withOrgs: boolean } = { withOrgs: true }): Promise<Set<string>> {
  const cols = await sql<{
    table_name: string;
    column_name: string;
  }>`SELECT c.table_name, c.column_name FROM information_schema.columns c
    WHERE c.table_schema = 'public' AND c.column_name IN ('jurisdiction_id', 'home_jurisdiction_id')
      AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id')`.execute(
    t.kernel.db,
  );
  const ids = new Set<string>();
  const zh = [jid('440400'), jid('440402')];
  for (const c of cols.rows) {
    if (['event', 'jurisdiction', 'org_actor_role'].includes(c.table_name)) continue;
    // Lists may name an org as the source of a published entry (OPN-03 attribution), never show it.
    if (c.table_name === 'organization' && !opts.withOrgs) continue;
    // Published catalog entries are public by design (catalog.md: the public searches open and registered entries).
    const published = c.table_name === 'data_resource' ? sql`AND state <> 'published'` : sql``;
    const rows = await sql<{
      id: string;
    }>`SELECT id::text AS id FROM ${sql.table(c.table_name)} WHERE ${sql.ref(c.column_name)} = ANY(${zh}::uuid[]) ${published}`.execute(
      t.kernel.db,
    );
    rows.rows.forEach((r) => ids.add(r.id));
  }
  return ids;
}

function getRoutes() {
  return (registeredRoutes.get(t.app) ?? [])
    .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !PUBLIC.test(r.url))
    .map((r) => r.url);
}

describe('cross-tenant sweep (IAM-10)', () => {
  it('lists no 珠海 object to a 罗湖 reviewer', async () => {
    const foreign = await zhuhaiObjectIds({ withOrgs: false });
    expect(foreign.size).toBeGreaterThan(10);
    const luohu = await t.as('luohu.reviewer');
    const lists = getRoutes().filter((r) => !r.includes(':'));
    expect(lists.length).toBeGreaterThan(5);
    const leaks: { url: string; ids: string[] }[] = [];
    for (const url of lists) {
      const res = await luohu.get(url);
      const ids = [...new Set((res.body.match(UUID) ?? []).filter((id) => foreign.has(id)))];
      if (ids.length) leaks.push({ url, ids });
    }
    expect(leaks).toEqual([]);
  });

  it('shows a 罗湖 reviewer a published 珠海 catalog entry without its samples or working material', async () => {
    const published = (
      await sql<{
        id: string;
      }>`SELECT id FROM data_resource WHERE jurisdiction_id = ${jid('440400')} AND state = 'published'`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(published.length).toBeGreaterThan(3);
    const luohu = await t.as('luohu.reviewer');
    const own = await t.as('authority.admin');
    let insiderSamples = 0;
    for (const { id } of published) {
      const d = (await luohu.get(`/api/v1/resources/${id}`)).json();
      expect(d.fields.flatMap((f: any) => f.maskedExamples)).toEqual([]);
      expect(d.detections).toEqual([]);
      insiderSamples += (await own.get(`/api/v1/resources/${id}`))
        .json()
        .fields.flatMap((f: any) => f.maskedExamples).length;
    }
    expect(insiderSamples).toBeGreaterThan(0);
  });

  it('answers 403/404 when a 罗湖 reviewer asks for a 珠海 object by id', async () => {
    const foreign = [...(await zhuhaiObjectIds())];
    const luohu = await t.as('luohu.reviewer');
    const byId = getRoutes().filter((r) => /^\/api\/v1\/[^:]+\/:[a-zA-Z]+(\/[a-z-]+)?$/.test(r));
    expect(byId.length).toBeGreaterThan(3);
    const leaks: { url: string; status: number }[] = [];
    for (const pattern of byId) {
      for (const id of foreign) {
        const url = pattern.replace(/:[a-zA-Z]+/, id);
        const res = await luohu.get(url);
        if (res.statusCode === 200 && res.body.includes(id)) leaks.push({ url, status: res.statusCode });
      }
    }
    expect(leaks).toEqual([]);
    // Every by-id route × every 珠海 object (thousands of requests): ≈ 30 s alone, twice that when the
    // rest of the suite runs beside it, so the default 60 s is no bound for it.
  }, 240_000);

  it('answers 404 when a 罗湖 reviewer asks for the ledger timeline or evidence of a 珠海 object (LED-13)', async () => {
    const foreign = [...(await zhuhaiObjectIds())];
    const objects = (
      await sql<{ object_type: string; object_id: string }>`SELECT DISTINCT object_type, object_id FROM event
      WHERE log_id LIKE '%/main-%' AND object_id = ANY(${foreign})`.execute(t.kernel.db)
    ).rows;
    expect(new Set(objects.map((o) => o.object_type)).size).toBeGreaterThan(5);
    const luohu = await t.as('luohu.reviewer');
    const leaks: string[] = [];
    for (const o of objects) {
      const res = await luohu.get(`/api/v1/ledger/objects/${o.object_type}/${o.object_id}/entries`);
      if (res.statusCode !== 404) leaks.push(`${o.object_type}/${o.object_id} ${res.statusCode}`);
    }
    const sample = objects.slice(0, 5);
    for (const o of sample) {
      const res = await luohu.post('/api/v1/evidence-packages', {
        objectType: o.object_type,
        objectId: o.object_id,
        purpose: '越权测试',
      });
      if (res.statusCode !== 404) leaks.push(`package ${o.object_type}/${o.object_id} ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
  });
});
