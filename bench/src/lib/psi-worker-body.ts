/**
 * psi.ecdh worker: the project's own PSI primitives on one core — RFC 9380 hash-to-curve (@noble/curves) and
 * x-only scalar multiplication through OpenSSL (server/src/contexts/sandbox/psi/client).
 */
import { parentPort } from 'node:worker_threads';
import { hashItem, toBig } from '../../../server/src/contexts/sandbox/psi/client/curve.js';
import { opensslMultiplier } from '../../../server/src/contexts/sandbox/psi/client/node.js';

export type PsiJob =
  | { op: 'h2c'; items: string[]; scalar?: Uint8Array }
  | { op: 'mul'; xs: Uint8Array; scalar: Uint8Array };

parentPort!.on('message', (job: PsiJob) => {
  const t = process.hrtime.bigint();
  const m = job.scalar ? opensslMultiplier(toBig(job.scalar)) : undefined;
  const n = job.op === 'h2c' ? job.items.length : job.xs.length / 32;
  const out = new Uint8Array(n * 32);
  for (let i = 0; i < n; i++) {
    const p = job.op === 'h2c' ? hashItem('uscc', job.items[i]!) : job.xs.subarray(i * 32, i * 32 + 32);
    out.set(m ? m.mul(p) : p, i * 32);
  }
  parentPort!.postMessage({ out, seconds: Number(process.hrtime.bigint() - t) / 1e9 }, [out.buffer]);
});
