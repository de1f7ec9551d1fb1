/**
 * catalog.search (performance.md): Chinese full-text search (CAT-09, character bigrams into a
 * 'simple' tsvector, ts_rank with weights) over 100,000 resources with their fields, through
 * the real store query with its permission filter, on PGlite and on PostgreSQL when
 * BENCH_DATABASE_URL is set. Reports p50/p95/p99 latency per query. Quick: 20,000 resources.
 */
import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { prng } from '../../server/src/contexts/catalog/usecases/demo-data.js';
import { searchVector, tierVectors } from '../../server/src/contexts/catalog/search.js';
import { searchResources } from '../../server/src/contexts/catalog/store.js';
import { jid, oid } from '../../server/src/seed/identity.js';
import { seedDemo } from '../../server/src/seed/demo.js';
import type { BenchContext } from './lib/context.js';
import { benchPglite, benchPostgres } from './lib/db.js';

const PLACES = ['珠海', '香洲', '金湾', '斗门', '横琴', '高新', '万山', '深圳', '罗湖', '广州'];
const SUBJECTS = [
  '企业',
  '个体工商户',
  '医疗机构',
  '学校',
  '公交',
  '出租车',
  '港口',
  '不动产',
  '社保',
  '公积金',
  '气象',
  '水务',
  '电力',
  '燃气',
  '环境',
  '食品',
  '药品',
  '特种设备',
  '道路',
  '桥梁',
];
const OBJECTS = [
  '登记',
  '许可',
  '监测',
  '统计',
  '备案',
  '处罚',
  '检查',
  '缴纳',
  '运营',
  '观测',
  '巡查',
  '投诉',
  '补贴',
  '评价',
  '年报',
];
const FIELD_WORDS = [
  '名称',
  '编号',
  '统一社会信用代码',
  '地址',
  '日期',
  '金额',
  '状态',
  '类别',
  '负责人',
  '联系电话',
  '经度',
  '纬度',
  '所属区',
  '数量',
  '说明',
];
const UNITS = ['zh-samr', 'zh-transport', 'zh-health'];

async function load(d: Database, n: number) {
  await seedDemo(d);
  const r = prng('catalog.search');
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const rows = [],
      fields: RawBuilder<unknown>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const id = randomUUID();
      const name = `${r.pick(PLACES)}${r.pick(SUBJECTS)}${r.pick(OBJECTS)}信息${i}`;
      const fieldNames = Array.from({ length: 5 }, () => `${r.pick(SUBJECTS)}${r.pick(FIELD_WORDS)}`);
      const summary = `${name}，包括${fieldNames.join('、')}等数据项，由数源单位按${r.pick(['日', '周', '月'])}更新。`;
      const unit = r.pick(UNITS);
      const state = r.next() < 0.7 ? 'published' : r.pick(['draft', 'classified']);
      const tv = tierVectors({ name, summary, keywords: [], fieldNames, unit });
      rows.push(sql`(${id}, ${`B${i}`}, ${name}, ${summary}, ${[r.pick(SUBJECTS), r.pick(OBJECTS)]}::text[], ${oid(unit)}, ${jid('440400')}, '测试', 'structured', 'csv', 'monthly',
        'unconditional', ${r.pick(['unconditional', 'conditional', 'not_open'])}, ${r.pick(['general', 'general', 'important'])}, ${r.pick(['unregistered', 'registered'])}, ${state}, 1,
        ${searchVector({ name, summary, keywords: [], fieldNames, unit })}, ${tv.name}, ${tv.fields})`);
      fieldNames.forEach((f, j) => fields.push(sql`(${randomUUID()}, ${id}, ${j + 1}, ${`f${j}`}, ${f}, 'string')`));
    }
    await sql`INSERT INTO data_resource (id, resource_code, name_zh, summary, keywords, source_unit_org_id, jurisdiction_id, domain, data_type, format, update_frequency,
      share_class, open_class, grade, registration_status, state, version, search_vector, name_vector, field_vector) VALUES ${sql.join(rows)}`.execute(
      d.db,
    );
    await sql`INSERT INTO data_field (id, resource_id, seq, code, name_zh, value_type) VALUES ${sql.join(fields)}`.execute(
      d.db,
    );
  }
  // Steady state: a maintained table (autovacuum's job on PostgreSQL; PGlite has none).
  await sql`VACUUM ANALYZE data_resource`.execute(d.db);
}

const QUERIES: [string, Record<string, string>][] = [
  ['企业登记', {}],
  ['公交运营', {}],
  ['医疗机构许可', {}],
  ['不动产', {}],
  ['社保缴纳', { grade: 'general' }],
  ['气象观测', { openClass: 'unconditional' }],
  ['统一社会信用代码', {}],
  ['横琴企业', { registrationStatus: 'registered' }],
  ['食品', {}],
  ['港口统计', {}],
  ['联系电话', {}],
  ['珠海', {}],
];

async function measure(ctx: BenchContext, d: Database, label: string, n: number) {
  await load(d, n);
  const vis = { orgId: oid('zh-operator'), jurisdictionIds: [] as string[], platform: false };
  const times: number[] = [];
  const perQuery: Record<string, number> = {};
  const rounds = ctx.quick ? 10 : 20;
  let ranked = true;
  for (let k = 0; k < rounds; k++) {
    for (const [q, f] of QUERIES) {
      const t = process.hrtime.bigint();
      const res = await searchResources(d.db, vis, { q, ...f, limit: 20, offset: 0 });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      times.push(ms);
      perQuery[q] = Math.max(perQuery[q] ?? 0, Math.round(ms));
      if (k === 0) perQuery[`${q}#total`] = res.total;
      for (let i = 1; i < res.rows.length; i++)
        if (Number(res.rows[i].rank) > Number(res.rows[i - 1].rank)) ranked = false;
    }
  }
  // Baseline in the same run (the machine is shared and noisy): the naive way, ILIKE over
  // name and summary with the same permission filter and limit, no ranking.
  const naive: number[] = [];
  for (let k = 0; k < Math.max(2, rounds / 5); k++) {
    for (const [q] of QUERIES) {
      const t = process.hrtime.bigint();
      await sql`SELECT r.id FROM data_resource r WHERE (r.source_unit_org_id = ${vis.orgId} OR r.state = 'published')
        AND (r.name_zh ILIKE ${`%${q}%`} OR r.summary ILIKE ${`%${q}%`}) ORDER BY r.updated_at DESC LIMIT 20`.execute(
        d.db,
      );
      naive.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  naive.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!;
  const naiveP95 = naive[Math.min(naive.length - 1, Math.floor(0.95 * naive.length))]!;
  ctx.emit({
    metric: `p95_ms.${label}`,
    value: p(0.95),
    unit: 'ms',
    n,
    baseline: 'naive_ilike_unranked',
    baseline_value: naiveP95,
    p50: Math.round(p(0.5) * 10) / 10,
    p99: Math.round(p(0.99) * 10) / 10,
    queries: times.length,
    ranked,
    maxMsPerQuery: perQuery,
    note: 'tiered candidates (name, fields, all) ≤200 each, ranked by ts_rank; counts capped at 1,000',
  });
}

export default async function catalogSearch(ctx: BenchContext) {
  const n = Number(ctx.env.BENCH_SEARCH_N ?? 0) || (ctx.quick ? 20_000 : 100_000);
  if (!ctx.env.BENCH_SEARCH_SKIP_PGLITE) {
    const lite = await benchPglite();
    try {
      await measure(ctx, lite, 'pglite', n);
    } finally {
      await lite.close();
    }
  }
  const pg = await benchPostgres(ctx.env, 4);
  if (pg)
    try {
      await measure(ctx, pg, 'postgres', n);
    } finally {
      await pg.close();
    }
}
