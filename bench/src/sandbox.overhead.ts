/**
 * sandbox.overhead (performance.md, PERF-03): analytical queries (group-by, join, window, filter)
 * through the full enforcement path — statement gate (token pre-check + json_serialize_sql AST),
 * a fresh locked DuckDB instance per job, the masked view, row cap, result Parquet + SM3 — against
 * the same SQL on plain DuckDB over the same view file. Quick: 1M rows; --full: 10M rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkStatement } from '../../server/src/contexts/sandbox/guard/index.js';
import { ql } from '../../server/src/contexts/sandbox/engine/instance.js';
import { runJob } from '../../server/src/contexts/sandbox/engine/job.js';
import { writeEnterpriseParquetFast } from '../../server/src/contexts/sandbox/test/enterprise-data.js';
import { buildMaskedParquet } from '../../server/src/contexts/sandbox/masking/build.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';

const V = '企业登记信息';
const QUERIES = [
  `SELECT 所属区, count(*) AS n, sum(注册资本) AS s, avg(注册资本) AS a FROM ${V} GROUP BY 所属区 ORDER BY 所属区`,
  `SELECT 成立日期, count(*) AS n FROM ${V} GROUP BY 成立日期 ORDER BY 成立日期`,
  `SELECT a.所属区, count(*) AS n FROM ${V} a JOIN (SELECT 统一社会信用代码 FROM ${V} WHERE 注册资本 > 40000000) b USING (统一社会信用代码) GROUP BY 1 ORDER BY 1`,
  `SELECT 所属区, 企业名称, 注册资本 FROM (SELECT 所属区, 企业名称, 注册资本, row_number() OVER (PARTITION BY 所属区 ORDER BY 注册资本 DESC, 企业名称) AS rn FROM ${V}) WHERE rn <= 10 ORDER BY 所属区, rn`,
  `SELECT count(*) AS n FROM ${V} WHERE 企业名称 LIKE '%99%' AND 注册资本 BETWEEN 1000000 AND 20000000`,
];

export default async function (ctx: BenchContext) {
  const rows = ctx.quick ? 1_000_000 : 10_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-sbx-'));
  try {
    const raw = join(dir, 'raw.parquet');
    await writeEnterpriseParquetFast(raw, rows);
    const file = join(dir, 'view.parquet');
    const keys = { pseudonymKey: Buffer.alloc(32, 1), tokenKey: Buffer.alloc(16, 2) };
    const b = await buildMaskedParquet({
      sourceFile: raw,
      outFile: file,
      subjectSource: null,
      keys,
      dateShiftDays: 30,
      fields: [
        { source: '统一社会信用代码', name: '统一社会信用代码', rule: { method: 'none' } },
        { source: '企业名称', name: '企业名称', rule: { method: 'none' } },
        {
          source: '法定代表人身份证号',
          name: '法定代表人身份证号',
          rule: { method: 'mask', params: { keepFirst: 6, keepLast: 0 } },
        },
        { source: '注册资本', name: '注册资本', rule: { method: 'round', params: { unit: 10000 } } },
        { source: '成立日期', name: '成立日期', rule: { method: 'generalize' } },
        { source: '所属区', name: '所属区', rule: { method: 'none' } },
      ],
    });
    const view = { name: V, file, columns: b.columns };
    const scope = {
      objects: new Map([[V, b.columns]]),
      ungrantedFields: new Map([['法定代表人', '法定代表人']]),
      allowList: 'v1',
    };
    const limits = { memoryMiB: 4096, threads: 2, timeoutSec: 300, storedRows: 10_000_000, previewRows: 1000 };
    // Plain: one unrestricted session over the same view, every row read back into Node.
    const plainInst = await DuckDBInstance.create(':memory:', { threads: '2' });
    const plain = await plainInst.connect();
    await plain.run(`CREATE VIEW ${V} AS SELECT ${b.columns.join(', ')} FROM read_parquet(${ql(file)})`);
    const rounds = ctx.quick ? 3 : 3;
    let enforced = 0;
    let baseline = 0;
    let gate = 0;
    for (let r = 0; r < rounds + 1; r++) {
      for (const [i, q] of QUERIES.entries()) {
        let g: Awaited<ReturnType<typeof checkStatement>> | undefined;
        const tg = await seconds(async () => {
          g = await checkStatement(q, scope, 65536);
        });
        const te =
          tg +
          (await seconds(async () => {
            const out = await runJob({
              query: g!.query,
              explain: false,
              views: [view],
              limits,
              resultFile: join(dir, 'results', `${r}-${i}.parquet`),
            });
            if (out.status !== 'succeeded') throw new Error(`${out.status} ${out.code}`);
          }));
        const tp = await seconds(async () => {
          (await plain.runAndReadAll(q)).getRows();
        });
        if (r === 0) continue; // warm-up round (file cache)
        enforced += te;
        baseline += tp;
        gate += tg;
      }
    }
    plain.closeSync();
    plainInst.closeSync();
    const n = rounds * QUERIES.length;
    ctx.emit({
      metric: 'enforced_time_ratio',
      value: enforced / baseline,
      unit: 'x',
      baseline: 'plain_duckdb_same_views',
      baseline_value: 1,
      ratio: enforced / baseline,
      n: rows,
      queries: QUERIES.length,
      rounds,
      bar: 1.1,
    });
    ctx.emit({
      metric: 'enforced_ms_per_query',
      value: (enforced / n) * 1000,
      unit: 'ms',
      baseline: 'plain_duckdb_same_views',
      baseline_value: (baseline / n) * 1000,
      n: rows,
    });
    ctx.emit({ metric: 'statement_check_ms', value: (gate / n) * 1000, unit: 'ms', n });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
