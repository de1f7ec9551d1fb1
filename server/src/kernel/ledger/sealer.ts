/**
 * Where a batch of ledger events is sealed (decision 0106). Sealing is pure computation — SM3
 * commitments, SM4 payload encryption, the leaf — ≈ 20 µs per event on the thread that also
 * parses requests and drives every database connection: for a data-service batch or a
 * transitionMany of hundreds it was the largest serial step. Batches of at least
 * `LedgerConfig.sealWorkerMinBatch` events go to one worker thread, so that thread keeps serving
 * while the worker seals; smaller ones (and every batch when the option is 0 or absent) are sealed
 * here. Both run the same sealAll (seal.ts) and give the same rows. If the worker cannot run, batches
 * are sealed here and the reason is logged once.
 */
import { Worker } from 'node:worker_threads';
import { keyVersionOf } from '../crypto/key-version.js';
import { sealAll, type EventInput, type LedgerConfig, type Prev, type Sealed } from './seal.js';

export interface SealRequest {
  id: number;
  cfg: Pick<LedgerConfig, 'origin' | 'hash' | 'saltBytes'>;
  masterKey: Uint8Array;
  keyVersion: number;
  events: EventInput[];
  occurredAt: string;
  txId: string;
  last: [string, Prev][];
}

export type SealResponse = { id: number; ok: true; sealed: Sealed } | { id: number; ok: false; message: string };

/** Batches sealed on the worker and on the caller's thread so far (metrics, tests). */
export const sealedBatches = { worker: 0, inline: 0 };

let worker: Worker | undefined;
let unavailable = false;
let nextId = 1;
const waiting = new Map<number, { resolve: (s: Sealed) => void; reject: (e: Error) => void }>();

/** Seals `events` (see sealAll) on the worker when the batch is large enough, else on this thread. */
export async function sealBatch(
  cfg: LedgerConfig,
  events: EventInput[],
  occurredAt: string,
  txId: string,
  last: Map<string, Prev>,
): Promise<Sealed> {
  const min = cfg.sealWorkerMinBatch ?? 0;
  const w = min > 0 && events.length >= min ? sealingWorker() : undefined;
  if (!w) return sealInline(cfg, events, occurredAt, txId, last);
  const id = nextId++;
  const request: SealRequest = {
    id,
    cfg: { origin: cfg.origin, hash: cfg.hash, saltBytes: cfg.saltBytes },
    masterKey: standalone(cfg.masterKey),
    keyVersion: keyVersionOf(cfg.masterKey),
    events,
    occurredAt,
    txId,
    last: [...last],
  };
  return new Promise<Sealed>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    try {
      w.postMessage(request);
    } catch {
      // A value that cannot be cloned (a function, a symbol): seal here, which reports it as sealing would.
      waiting.delete(id);
      resolve(sealInline(cfg, events, occurredAt, txId, last));
      return;
    }
    sealedBatches.worker++;
    w.ref(); // alive while a batch is out; unref'd again when none is
  });
}

// A key Buffer is often a view into Node's shared 8 KiB pool, and postMessage copies a view's whole
// ArrayBuffer: a standalone copy per key makes that 16 bytes instead of 8 KiB per batch (decision 0106).
const standaloneKeys = new WeakMap<Buffer, Uint8Array>();
function standalone(key: Buffer): Uint8Array {
  let copy = standaloneKeys.get(key);
  if (!copy) standaloneKeys.set(key, (copy = Uint8Array.from(key)));
  return copy;
}

function sealInline(...args: Parameters<typeof sealAll>): Sealed {
  sealedBatches.inline++;
  return sealAll(...args);
}

function sealingWorker(): Worker | undefined {
  if (unavailable) return undefined;
  if (worker) return worker;
  // Under tsx (development, tests) the worker is the TypeScript source, loaded through tsx by
  // seal-worker-dev.mjs; a release build runs the compiled .js beside this file.
  const ts = import.meta.url.endsWith('.ts');
  try {
    worker = new Worker(new URL(ts ? './seal-worker-dev.mjs' : './seal-worker.js', import.meta.url), {
      name: 'ledger-sealer',
    });
  } catch (e) {
    return giveUp(e);
  }
  worker.unref();
  worker.on('message', (m: SealResponse) => {
    const p = waiting.get(m.id);
    if (!p) return;
    waiting.delete(m.id);
    if (!waiting.size) worker?.unref();
    if (m.ok) p.resolve(m.sealed);
    else p.reject(new Error(m.message));
  });
  worker.on('error', (e) => giveUp(e));
  worker.on('exit', (code) => giveUp(new Error(`sealing worker exited with code ${code}`)));
  return worker;
}

/** The worker is gone: fail what it held (their transactions roll back) and seal here from now on. */
function giveUp(e: unknown): undefined {
  if (!unavailable) console.error('[ledger] sealing worker unavailable; sealing on the main thread:', e);
  unavailable = true;
  worker = undefined;
  const err = e instanceof Error ? e : new Error(String(e));
  for (const p of waiting.values()) p.reject(err);
  waiting.clear();
  return undefined;
}
