/**
 * egress.check (performance.md, PERF-03): the automatic egress checks (identifier scan, k per
 * row, small cells, differencing guard against an earlier release) over a prepared result of
 * 1M rows (--full; quick 200k), each row with its subject count and sketch. Baseline in the same
 * run: reading that result once (the same DuckDB read and conversion the checks start from).
 * The companion query that derives subject counts runs when a request is filed and is reported
 * separately here as `prepare_s` for context, not part of the ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ql } from '../../server/src/contexts/sandbox/engine/instance.js';
import { runEgressChecks } from '../../server/src/contexts/sandbox/egress/checks.js';
import { readPrepared } from '../../server/src/contexts/sandbox/egress/prepare.js';
import { toMicro } from '../../server/src/contexts/sandbox/egress/dp.js';
import type { AggregateShape } from '../../server/src/contexts/sandbox/egress/shape.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';

export default async function (ctx: BenchContext) {
  const n = ctx.quick ? 200_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-egr-'));
  const file = join(dir, 'prepared.parquet');
  const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await inst.connect();
  try {
    // Rows: 所属区 × 行业代码 groups, k from 5 to 40 subjects (some below k = 10), sketch of that many hashes.
    const prep = await seconds(() =>
      c.run(`COPY (SELECT ['香洲区','金湾区','斗门区'][1 + i % 3] AS 所属区, 'H' || lpad(CAST(i AS VARCHAR), 7, '0') AS 行业代码,
      CAST(5 + i % 36 AS BIGINT) AS 企业数, CAST(5 + i % 36 AS BIGINT) AS __sy_k,
      list_transform(range(5 + i % 36), x -> hash(i * 64 + x)) AS __sy_sketch FROM range(${n}) r(i)) TO ${ql(file)} (FORMAT parquet)`),
    );
    const shape: AggregateShape = {
      view: '企业登记信息',
      dimensions: ['所属区', '行业代码'],
      columns: [
        { name: '所属区', role: 'dimension', field: '所属区' },
        { name: '行业代码', role: 'dimension', field: '行业代码' },
        { name: '企业数', role: 'count', field: null },
      ],
    };
    const read = async () =>
      readPrepared((await c.runAndReadAll(`SELECT * FROM read_parquet(${ql(file)})`)).getRows(), 3);
    await read(); // warm the file cache for both sides
    let prepared: Awaited<ReturnType<typeof read>> | undefined;
    const baseline = await seconds(async () => {
      prepared = await read();
    });
    // An earlier release of every 10th row, with one subject removed: those rows must be caught (EGR-06).
    const previous = new Map<string, BigUint64Array[]>();
    for (let i = 0; i < prepared!.rows.length; i += 10)
      previous.set(JSON.stringify([prepared!.rows[i]![0], prepared!.rows[i]![1]]), [prepared!.sketches[i]!.slice(1)]);
    let removed = 0;
    let suppressed = 0;
    const checked = await seconds(async () => {
      const p = await read();
      const out = runEgressChecks({
        outputKind: 'aggregate_table',
        policy: { allowedOutputKinds: ['aggregate_table'], minGroupSize: 10, smallCellSuppression: true, dp: null },
        shape,
        fields: new Map([
          ['所属区', { personalInfo: false, directIdentifier: false, method: 'none' }],
          ['行业代码', { personalInfo: false, directIdentifier: false, method: 'none' }],
        ]),
        rows: p.rows,
        subjectCounts: p.subjectCounts,
        sketches: p.sketches,
        previous,
        differencingGuard: true,
        k: 10,
        dpBudget: { totalMicro: toMicro(10), spentMicro: 0, perReleaseMicro: toMicro(1), delta: 1e-6 },
      });
      removed = Number(out.autoChecks.find((x) => x.check === 'EGR-06')!.detail.removedRows);
      suppressed = out.suppressedRows;
    });
    ctx.emit({
      metric: 'check_time_s',
      value: checked,
      unit: 's',
      baseline: 'read_result_once',
      baseline_value: baseline,
      n,
      bar: 2,
      suppressed_rows: suppressed,
      differencing_removed: removed,
    });
    ctx.emit({ metric: 'rows_per_s', value: n / checked, unit: '1/s', n });
    ctx.emit({ metric: 'prepare_s', value: prep, unit: 's', n, note: 'writing the prepared result (context only)' });
  } finally {
    c.closeSync();
    inst.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
