/**
 * ledger.proof (performance.md): inclusion + consistency proof generation and verification
 * at 1M leaves (quick: 100k). Generation is measured on the in-memory compact tree and on
 * the stored node table (PGlite), at 10k and at the large size: O(log n) means the large
 * time stays within 2× the 10k time. Proof size is compared with ⌈log2 n⌉.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import {
  consistencyProof,
  hasherFor,
  inclusionProof,
  MemoryTree,
  verifyConsistency,
  verifyInclusion,
} from '../../server/src/kernel/ledger/merkle.js';
import { withStoredNodes } from '../../server/src/kernel/ledger/store.js';
import type { BenchContext } from './lib/context.js';
import { benchPglite } from './lib/db.js';

const h = hasherFor('sm3');

function timeEach(count: number, fn: (i: number) => unknown): number {
  const t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) fn(i);
  return Number(process.hrtime.bigint() - t) / 1e3 / count; // µs per op
}

/** Deterministic pseudo-random index sequence. */
const pick = (i: number, n: number) => (i * 2654435761) % n;

export default async function ledgerProof(ctx: BenchContext) {
  const N = ctx.quick ? 100_000 : 1_000_000;
  const SMALL = 10_000;
  const t = new MemoryTree(h);
  const leaf = randomBytes(32);
  const tBuild = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    leaf.writeUInt32BE(i, 0);
    t.append(h.leaf(leaf));
  }
  ctx.emit({
    metric: 'tree_build_leaves_per_s',
    value: N / (Number(process.hrtime.bigint() - tBuild) / 1e9),
    unit: '1/s',
    n: N,
  });

  const root = t.root(N);
  const proofs = Array.from({ length: 2000 }, (_, i) => {
    const m = pick(i, N);
    return { m, p: inclusionProof(h, t.read, m, N) };
  });
  const maxLen = Math.max(...proofs.map((x) => x.p.length));
  ctx.emit({
    metric: 'inclusion_proof_hashes',
    value: maxLen,
    unit: 'hashes',
    baseline: 'ceil_log2_n',
    baseline_value: Math.ceil(Math.log2(N)),
    n: N,
  });
  const leaves = proofs.map((x) => t.read(0, x.m));
  timeEach(20_000, (i) =>
    verifyInclusion(h, proofs[i % proofs.length]!.m, N, leaves[i % proofs.length]!, proofs[i % proofs.length]!.p, root),
  ); // warm-up
  const verifyUs = timeEach(100_000, (i) => {
    const x = proofs[i % proofs.length]!;
    if (!verifyInclusion(h, x.m, N, leaves[i % proofs.length]!, x.p, root)) throw new Error('bad proof');
  });
  ctx.emit({ metric: 'inclusion_verify_per_s_one_thread', value: 1e6 / verifyUs, unit: '1/s', n: N, threads: 1 });
  const par = await parallelVerify(
    N,
    root,
    proofs.map((x, i) => ({ m: x.m, leaf: leaves[i]!, path: x.p })),
  );
  ctx.emit({
    metric: 'inclusion_verify_per_s',
    value: par.perS,
    unit: '1/s',
    bar: 50_000,
    n: N,
    threads: par.threads,
    proofs: par.count,
  });

  const alt = (f: (n: number) => (i: number) => unknown, count: number) => {
    timeEach(count, f(SMALL));
    timeEach(count, f(N)); // warm-up both sizes
    const s1 = timeEach(count, f(SMALL));
    const l1 = timeEach(count, f(N));
    const s2 = timeEach(count, f(SMALL));
    const l2 = timeEach(count, f(N));
    return [(s1 + s2) / 2, (l1 + l2) / 2] as const;
  };
  const [genSmall, genLarge] = alt((n) => (i) => inclusionProof(h, t.read, pick(i, n), n), 3_000);
  ctx.emit({
    metric: 'inclusion_gen_us',
    value: genLarge,
    unit: 'us',
    baseline: `gen_us_at_${SMALL}`,
    baseline_value: genSmall,
    n: N,
    store: 'memory',
  });

  const cons = Array.from({ length: 500 }, (_, i) => {
    const m = 1 + pick(i, N - 1);
    return { m, p: consistencyProof(h, t.read, m, N), r: t.root(m) };
  });
  ctx.emit({
    metric: 'consistency_proof_hashes',
    value: Math.max(...cons.map((c) => c.p.length)),
    unit: 'hashes',
    baseline: 'ceil_log2_n',
    baseline_value: Math.ceil(Math.log2(N)),
    n: N,
  });
  const cVerify = timeEach(5_000, (i) => {
    const c = cons[i % cons.length]!;
    if (!verifyConsistency(h, c.m, N, c.r, root, c.p)) throw new Error('bad consistency');
  });
  ctx.emit({ metric: 'consistency_verify_per_s', value: 1e6 / cVerify, unit: '1/s', n: N });
  const [cSmall, cLarge] = alt((n) => (i) => consistencyProof(h, t.read, 1 + pick(i, n - 1), n), 1_500);
  ctx.emit({
    metric: 'consistency_gen_us',
    value: cLarge,
    unit: 'us',
    baseline: `gen_us_at_${SMALL}`,
    baseline_value: cSmall,
    n: N,
    store: 'memory',
  });

  await storedGeneration(ctx, t, N, SMALL);
}

/**
 * Verification throughput of the machine: the same verifier in one worker thread per core,
 * each verifying its share of the proofs; wall time from the first message to the last answer.
 */
async function parallelVerify(size: number, root: Buffer, proofs: Array<{ m: number; leaf: Buffer; path: Buffer[] }>) {
  const threads = Math.max(1, availableParallelism());
  const workers = await Promise.all(
    Array.from({ length: threads }, async () => {
      const w = new Worker(new URL('./lib/verify-worker.mjs', import.meta.url));
      await once(w, 'online');
      return w;
    }),
  );
  const ask = (w: Worker, repeat: number) => {
    const answer = once(w, 'message');
    w.postMessage({ size, root, proofs, repeat });
    return answer.then(([m]) => m as { valid: number; seconds: number });
  };
  try {
    await Promise.all(workers.map((w) => ask(w, 5))); // warm-up (JIT) in every thread
    const repeat = 50;
    const t0 = process.hrtime.bigint();
    const answers = await Promise.all(workers.map((w) => ask(w, repeat)));
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const count = threads * repeat * proofs.length;
    if (answers.reduce((n, a) => n + a.valid, 0) !== count) throw new Error('a proof failed to verify in a worker');
    return { perS: count / wall, threads, count };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The same generation against the stored node table (what the API does), on PGlite. */
async function storedGeneration(ctx: BenchContext, t: MemoryTree, N: number, SMALL: number) {
  const d = await benchPglite();
  try {
    const logId = 'bench/main-sm3';
    const rows: Array<[number, number, string]> = [];
    t.levels.forEach((lvl, level) => lvl.forEach((hash, idx) => rows.push([level, idx, hash.toString('hex')])));
    const tLoad = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 50_000) {
      const c = rows.slice(i, i + 50_000);
      await sql`INSERT INTO ledger_node (log_id, level, idx, hash) SELECT ${logId}, l, i, decode(hx, 'hex')
        FROM unnest(${c.map((r) => r[0])}::int[], ${c.map((r) => r[1])}::bigint[], ${c.map((r) => r[2])}::text[]) AS v(l, i, hx)`.execute(
        d.db,
      );
    }
    await sql`ANALYZE ledger_node`.execute(d.db);
    ctx.emit({
      metric: 'node_load_rows_per_s',
      value: rows.length / (Number(process.hrtime.bigint() - tLoad) / 1e9),
      unit: '1/s',
      n: rows.length,
    });
    const gen = async (n: number, count: number) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < count; i++)
        await withStoredNodes(d.db, logId, (read) => inclusionProof(h, read, pick(i, n), n));
      return Number(process.hrtime.bigint() - t0) / 1e3 / count;
    };
    await gen(SMALL, 50);
    await gen(N, 50);
    const small = ((await gen(SMALL, 200)) + (await gen(SMALL, 200))) / 2;
    const large = ((await gen(N, 200)) + (await gen(N, 200))) / 2;
    ctx.emit({
      metric: 'inclusion_gen_us',
      value: large,
      unit: 'us',
      baseline: `gen_us_at_${SMALL}`,
      baseline_value: small,
      n: N,
      store: 'pglite',
    });
  } finally {
    await d.close();
  }
}
