import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { maskedFixture } from '../test/factories.js';
import { openLockedInstance, ql, type MountedView } from './instance.js';
import { runJob, type JobLimits } from './job.js';
import { checkStatement } from '../guard/index.js';

const LIMITS: JobLimits = { memoryMiB: 512, threads: 1, timeoutSec: 30, storedRows: 100_000, previewRows: 50 };
let fx: { dir: string; raw: string; view: MountedView };
beforeAll(async () => {
  fx = await maskedFixture(2000);
}, 60_000);

/** Runs SQL on a plain, unrestricted DuckDB over the same masked view (the PERF-01 reference). */
async function direct(sql: string): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  await c.run(
    `CREATE VIEW ${fx.view.name} AS SELECT ${fx.view.columns.join(', ')} FROM read_parquet(${ql(fx.view.file)})`,
  );
  const r = await c.runAndReadAll(sql);
  const rows = r.getRowsJson() as unknown[][];
  c.closeSync();
  inst.closeSync();
  return rows;
}

describe('SBX-07 locked instance', () => {
  it('blocks read_csv, read_parquet on other paths, ATTACH, INSTALL and SET even if the gate were bypassed', async () => {
    const { instance, conn } = await openLockedInstance([fx.view], LIMITS);
    try {
      expect(Number((await conn.runAndReadAll(`SELECT count(*) FROM ${fx.view.name}`)).getRows()[0]![0])).toBe(2000);
      for (const sql of [
        "SELECT * FROM read_csv('/etc/passwd')",
        `SELECT * FROM read_parquet(${ql(fx.raw)})`,
        `SELECT * FROM ${ql(fx.raw)}`,
        "ATTACH '/tmp/x.duckdb'",
        'INSTALL httpfs',
        'LOAD httpfs',
        'SET enable_external_access = true',
        'SET lock_configuration = false',
        `COPY (SELECT 1) TO ${ql(join(fx.dir, 'leak.csv'))}`,
      ]) {
        await expect(conn.run(sql), sql).rejects.toThrow(/disabled|locked|Permission|not allowed/i);
      }
      expect(existsSync(join(fx.dir, 'leak.csv'))).toBe(false);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe('PERF-01 equivalence with the same SQL on the authorized view', () => {
  const QUERIES = [
    'SELECT 所属区, COUNT(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区',
    'SELECT 成立日期, sum(注册资本) AS s, avg(注册资本) AS a FROM 企业登记信息 GROUP BY 成立日期 ORDER BY 成立日期',
    'SELECT 企业名称, 注册资本, rank() OVER (PARTITION BY 所属区 ORDER BY 注册资本 DESC, 企业名称) AS r FROM 企业登记信息 ORDER BY 所属区, r, 企业名称 LIMIT 40',
    "SELECT a.所属区, count(*) AS n FROM 企业登记信息 a JOIN 企业登记信息 b USING (统一社会信用代码) WHERE a.企业名称 LIKE '%科技%' GROUP BY 1 ORDER BY 1",
    'SELECT * FROM 企业登记信息 ORDER BY 统一社会信用代码 LIMIT 25',
  ];
  for (const q of QUERIES) {
    it(`same rows for ${q.slice(0, 60)}`, async () => {
      const g = await checkStatement(
        q,
        { objects: new Map([['企业登记信息', fx.view.columns]]), ungrantedFields: new Map(), allowList: 'v1' },
        65536,
      );
      expect(g.ok).toBe(true);
      const out = await runJob({
        query: g.query,
        explain: false,
        views: [fx.view],
        limits: LIMITS,
        resultFile: join(fx.dir, 'results', `${Math.random()}.parquet`),
      });
      expect(out.status).toBe('succeeded');
      expect(out.preview).toEqual((await direct(q)).slice(0, LIMITS.previewRows));
      expect(out.resultSm3).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});

describe('SBX-09 limits stop resource bombs with the limit named', () => {
  it('a cross join past the row cap is stopped with RESOURCE_LIMIT_ROWS and leaves no result', async () => {
    const file = join(fx.dir, 'results', 'rows.parquet');
    const out = await runJob({
      query: 'SELECT a.企业名称, b.企业名称 AS b FROM 企业登记信息 a CROSS JOIN 企业登记信息 b',
      explain: false,
      views: [fx.view],
      limits: LIMITS,
      resultFile: file,
    });
    expect(out).toMatchObject({ status: 'stopped', code: 'RESOURCE_LIMIT_ROWS' });
    expect(existsSync(file)).toBe(false);
  });
  it('a four-way cross join is stopped with RESOURCE_LIMIT_TIME', async () => {
    const out = await runJob({
      query:
        'SELECT count(*) FROM 企业登记信息 a, 企业登记信息 b, 企业登记信息 c, 企业登记信息 d WHERE a.注册资本 + b.注册资本 > c.注册资本 + d.注册资本',
      explain: false,
      views: [fx.view],
      limits: { ...LIMITS, timeoutSec: 1 },
      resultFile: null,
    });
    expect(out).toMatchObject({ status: 'stopped', code: 'RESOURCE_LIMIT_TIME' });
  });
  it('an aggregate that needs more memory than allowed is stopped with RESOURCE_LIMIT_MEMORY', async () => {
    const out = await runJob({
      query:
        'SELECT a.企业名称, list(b.企业名称 || b.统一社会信用代码) FROM 企业登记信息 a, 企业登记信息 b GROUP BY a.企业名称',
      explain: false,
      views: [fx.view],
      limits: { ...LIMITS, memoryMiB: 32, timeoutSec: 60 },
      resultFile: null,
    });
    expect(out).toMatchObject({ status: 'stopped', code: 'RESOURCE_LIMIT_MEMORY' });
  });
  it('an engine error names no data values', async () => {
    const out = await runJob({
      query: 'SELECT CAST(企业名称 AS INTEGER) FROM 企业登记信息',
      explain: false,
      views: [fx.view],
      limits: LIMITS,
      resultFile: null,
    });
    expect(out.status).toBe('failed');
    expect(JSON.stringify(out.params)).not.toMatch(/有限公司/);
  });
});
