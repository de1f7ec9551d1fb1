/**
 * ledger.proof worker: verifies inclusion proofs with the server's own verifier
 * (kernel/ledger/merkle.ts) and answers how many were valid and how long it took.
 */
import { parentPort } from 'node:worker_threads';
import { hasherFor, verifyInclusion } from '../../../server/src/kernel/ledger/merkle.js';

export interface VerifyJob {
  size: number;
  root: Uint8Array;
  proofs: Array<{ m: number; leaf: Uint8Array; path: Uint8Array[] }>;
  repeat: number;
}

const h = hasherFor('sm3');
parentPort!.on('message', (job: VerifyJob) => {
  const t = process.hrtime.bigint();
  let valid = 0;
  for (let r = 0; r < job.repeat; r++) {
    for (const p of job.proofs) if (verifyInclusion(h, p.m, job.size, p.leaf, p.path, job.root)) valid++;
  }
  parentPort!.postMessage({ valid, seconds: Number(process.hrtime.bigint() - t) / 1e9 });
});
