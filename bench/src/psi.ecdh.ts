/**
 * psi.ecdh (performance.md, sandbox.md PERF-03): one ECDH-PSI session of N buyer items against M platform items on
 * worker threads (one per core), with the project's own primitives: RFC 9380 hash-to-curve P256_XMD:SHA-256_SSWU_RO_
 * (@noble/curves) and x-only P-256 scalar multiplication through OpenSSL. Bar: 1M × 1M ≤ 600 s on 2 cores.
 *
 * Phases, as in the HTTP protocol: platform H(y) (cached per view file in the server, shown apart), S = b·H(y);
 * buyer A = a·H(x); platform D = b·A (+ differencing tags, shuffle); buyer a⁻¹·D and lookup in S. Also single-core
 * rates (hash-to-curve/s, multiplications/s). Sizes: quick 20k × 20k; full 1M × 1M; `PSI_N=100000` sets N = M.
 * The intersection (N/2 items by construction) is checked exactly.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { hmacSm3 } from '../../server/src/kernel/crypto/sm3.js';
import { usccFor } from '../../server/src/contexts/sandbox/test/enterprise-data.js';
import { hashItem, inverse, scalarBytes, toBig } from '../../server/src/contexts/sandbox/psi/client/curve.js';
import { opensslMultiplier } from '../../server/src/contexts/sandbox/psi/client/node.js';
import { shuffle } from '../../server/src/contexts/sandbox/psi/live.js';
import type { BenchContext } from './lib/context.js';
import type { PsiJob } from './lib/psi-worker-body.js';

const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const randomScalar = () => (toBig(randomBytes(48)) % (ORDER - 1n)) + 1n;

class Pool {
  private workers: Worker[];
  constructor(n: number) {
    this.workers = Array.from({ length: n }, () => new Worker(new URL('./lib/psi-worker.mjs', import.meta.url)));
  }
  private run(w: Worker, job: PsiJob): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      w.once('message', (m: { out: Uint8Array }) => resolve(m.out));
      w.once('error', reject);
      w.postMessage(job);
    });
  }
  /** Splits the work into one slice per worker and concatenates the answers in order. */
  async map(n: number, job: (from: number, to: number) => PsiJob): Promise<Uint8Array> {
    const per = Math.ceil(n / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((w, i) => this.run(w, job(Math.min(n, i * per), Math.min(n, (i + 1) * per)))),
    );
    const out = new Uint8Array(n * 32);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
  close() {
    for (const w of this.workers) void w.terminate();
  }
}

function singleCore(ctx: BenchContext, n: number) {
  const items = Array.from({ length: n }, (_, i) => usccFor(5_000_000 + i));
  let t = performance.now();
  const pts = items.map((x) => hashItem('uscc', x));
  const h2c = n / ((performance.now() - t) / 1000);
  const m = opensslMultiplier(randomScalar());
  t = performance.now();
  for (const p of pts) m.mul(p);
  const mul = n / ((performance.now() - t) / 1000);
  ctx.emit({ metric: 'hash_to_curve_per_core', value: h2c, unit: 'ops/s', target: 3000, n });
  ctx.emit({ metric: 'p256_mul_per_core', value: mul, unit: 'ops/s', target: 8000, n });
  return { h2c, mul };
}

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
};

export default async function psiEcdh(ctx: BenchContext) {
  const n = Number(ctx.env.PSI_N ?? (ctx.quick ? 20_000 : 1_000_000));
  const cores = Math.min(2, availableParallelism());
  const rates = singleCore(ctx, ctx.quick ? 2000 : 5000);
  const pool = new Pool(cores);
  const buyer = Array.from({ length: n }, (_, i) => usccFor(i));
  const platform = Array.from({ length: n }, (_, i) => usccFor(i + n / 2));
  const a = randomScalar();
  const b = randomScalar();
  try {
    const [hy, tHy] = await time(() => pool.map(n, (f, t) => ({ op: 'h2c', items: platform.slice(f, t) })));
    const [S, tS] = await time(() =>
      pool.map(n, (f, t) => ({ op: 'mul', xs: hy.slice(f * 32, t * 32), scalar: scalarBytes(b) })),
    );
    const [A, tA] = await time(() =>
      pool.map(n, (f, t) => ({ op: 'h2c', items: buyer.slice(f, t), scalar: scalarBytes(a) })),
    );
    const [D, tD] = await time(async () => {
      const d = await pool.map(n, (f, t) => ({ op: 'mul', xs: A.slice(f * 32, t * 32), scalar: scalarBytes(b) }));
      const key = randomBytes(32);
      for (let i = 0; i < n; i++) hmacSm3(key, A.subarray(i * 32, i * 32 + 32)); // PSI-04 differencing tags
      shuffle(Array.from({ length: n }, (_, i) => i)); // PSI-03 shuffle (cardinality)
      return d;
    });
    const [matched, tU] = await time(async () => {
      const u = await pool.map(n, (f, t) => ({
        op: 'mul',
        xs: D.slice(f * 32, t * 32),
        scalar: scalarBytes(inverse(a)),
      }));
      const set = new Set<string>();
      for (let i = 0; i < n; i++) set.add(Buffer.from(S.subarray(i * 32, i * 32 + 32)).toString('base64'));
      let hits = 0;
      for (let i = 0; i < n; i++) if (set.has(Buffer.from(u.subarray(i * 32, i * 32 + 32)).toString('base64'))) hits++;
      return hits;
    });
    if (matched !== n / 2) throw new Error(`intersection ${matched}, expected ${n / 2}`);
    const session = tS + tA + tD + tU;
    ctx.emit({ metric: 'session_seconds', value: session, unit: 's', n, cores, intersection: matched });
    ctx.emit({ metric: 'session_seconds_with_platform_hashing', value: session + tHy, unit: 's', n, cores });
    ctx.emit({
      metric: 'phase_seconds',
      value: session + tHy,
      unit: 's',
      platform_hash: tHy,
      platform_blind: tS,
      buyer_hash_blind: tA,
      platform_double_blind: tD,
      buyer_unblind_match: tU,
    });
    // 1M × 1M from the measured per-item cost of this run (linear in N: every phase is per item).
    const scale = 1_000_000 / n;
    ctx.emit({
      metric: 'extrapolated_1m_seconds_with_platform_hashing',
      value: (session + tHy) * scale,
      unit: 's',
      bar: 600,
      from_n: n,
    });
    ctx.emit({
      metric: 'extrapolated_1m_seconds_from_core_rates',
      value: (2e6 / rates.h2c + 4e6 / rates.mul) / cores,
      unit: 's',
      bar: 600,
    });
  } finally {
    pool.close();
  }
}
