import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { latestCheckpoint, publicKeyView, signCheckpointIfDue } from '../../../kernel/ledger/checkpoint.js';
import { publicKeyChainView } from '../../../kernel/ledger/keys.js';
import { consistencyProof, hasherFor, inclusionProof } from '../../../kernel/ledger/merkle.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import { getLog, withStoredNodes } from '../../../kernel/ledger/store.js';
import '../messages.js';
import { leafAtSeq } from '../store.js';

/** The logs this deployment serves publicly (ledger.md Logs; registry-<org> logs come with rights-assets). */
export const PUBLIC_LOGS = ['main', 'audit'] as const;
export type PublicLog = (typeof PUBLIC_LOGS)[number];

export function resolveLog(log: string | undefined): PublicLog {
  const l = log ?? 'main';
  if (!(PUBLIC_LOGS as readonly string[]).includes(l)) throw new AppError(404, 'LEDGER_LOG_UNKNOWN', { log: l });
  return l as PublicLog;
}

const rangeError = (detail: string) => new AppError(400, 'PROOF_RANGE_INVALID', { detail });

async function treeSize(k: Kernel, log: PublicLog): Promise<number> {
  return Number((await getLog(k.db, logIdFor(k.ledger, log)))?.tree_size ?? 0);
}

/** `GET /ledger/checkpoint`: the latest signed note. */
export async function checkpointText(k: Kernel, log: PublicLog): Promise<string> {
  const cp = await latestCheckpoint(k.db, logIdFor(k.ledger, log));
  if (!cp) throw new AppError(404, 'LEDGER_NO_CHECKPOINT');
  return cp.note_text;
}

export function publicKey(k: Kernel, log: PublicLog) {
  const v = publicKeyView(k, log);
  return { keyName: v.keyName, algorithm: v.algorithm, publicKeyPem: v.publicKeyPem };
}

/** `GET /ledger/public-keys`: the key chain across rollovers, for `ledger-verify --chain` (decision 0102). */
export const publicKeys = (k: Kernel, log: PublicLog) => publicKeyChainView(k.db, k, logIdFor(k.ledger, log));

/** `GET /ledger/entries/{seq}`: commitments only, no identifiers (LED-03). */
export async function entryBySeq(k: Kernel, log: PublicLog, seq: number) {
  const r = await leafAtSeq(k.db, logIdFor(k.ledger, log), seq);
  if (!r) throw new AppError(404, 'LEDGER_ENTRY_NOT_FOUND', { seq });
  return { seq, leafHash: r.leaf_hash, leafData: Buffer.from(r.leaf_data).toString('base64') };
}

/** LED-09 inclusion proof of seq in the tree of size treeSize (default: the latest checkpoint's). */
export async function inclusion(k: Kernel, log: PublicLog, seq: number, size?: number) {
  const logId = logIdFor(k.ledger, log);
  const n = size ?? Number((await latestCheckpoint(k.db, logId))?.tree_size ?? 0);
  if (!(seq >= 0 && seq < n)) throw rangeError('seq must be < treeSize');
  if (n > (await treeSize(k, log))) throw rangeError('treeSize exceeds the log');
  const entry = await entryBySeq(k, log, seq);
  const h = hasherFor(k.ledger.hash);
  const hashes = await withStoredNodes(k.db, logId, (read) => inclusionProof(h, read, seq, n));
  return { seq, treeSize: n, leafHash: entry.leafHash, hashes: hashes.map((b) => b.toString('hex')) };
}

/** LED-09 consistency proof, 0 < from ≤ to ≤ latest size. */
export async function consistency(k: Kernel, log: PublicLog, from: number, to: number) {
  if (!(from > 0 && from <= to)) throw rangeError('need 0 < from ≤ to');
  if (to > (await treeSize(k, log))) throw rangeError('to exceeds the log');
  const h = hasherFor(k.ledger.hash);
  const hashes = await withStoredNodes(k.db, logIdFor(k.ledger, log), (read) => consistencyProof(h, read, from, to));
  return { from, to, hashes: hashes.map((b) => b.toString('hex')) };
}

/** Sequencer + signer in one call (tests, evidence builds). */
export async function flushLog(k: Kernel, log: PublicLog, opts: { forceCheckpoint?: boolean } = {}) {
  const r = await integrate(k, log);
  const s = await signCheckpointIfDue(k, log, { force: opts.forceCheckpoint });
  if (!s.signed && s.reason !== 'not_due') throw new AppError(500, 'LEDGER_CHECKPOINT_REFUSED', { reason: s.reason });
  return r;
}

/**
 * LED-07 after a bulk load (the demo seed, an import) and at startup: integrates everything
 * pending and signs at once when a log has no checkpoint yet or has grown since its last one,
 * so the public checkpoint covers the loaded entries from the first request instead of after
 * the signer's interval (issue 12 finding 9). Returns what was signed; a refusal (LED-07:
 * inconsistent with the previous checkpoint) is reported, never papered over.
 */
export async function checkpointLoadedLogs(
  k: Kernel,
): Promise<{ log: PublicLog; treeSize: number; signed: boolean; refused?: string }[]> {
  const out: { log: PublicLog; treeSize: number; signed: boolean; refused?: string }[] = [];
  for (const log of PUBLIC_LOGS) {
    const { treeSize } = await integrate(k, log);
    const last = await latestCheckpoint(k.db, logIdFor(k.ledger, log));
    if (last && Number(last.tree_size) >= treeSize) {
      out.push({ log, treeSize, signed: false });
      continue;
    }
    const s = await signCheckpointIfDue(k, log, { force: true });
    out.push(
      s.signed
        ? { log, treeSize: Number(s.checkpoint.tree_size), signed: true }
        : { log, treeSize, signed: false, refused: s.reason },
    );
  }
  return out;
}
