import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { latestCheckpoint } from '../../../kernel/ledger/checkpoint.js';
import * as store from '../store.js';

/** A signed checkpoint as anchors see it. */
export interface SignedCheckpoint {
  logId: string;
  treeSize: number;
  rootHash: string;
  noteText: string;
}
export interface AnchorReceipt {
  id?: string;
  anchorName: string;
  logId: string;
  treeSize: number;
  rootHash: string;
  status: 'pending' | 'confirmed' | 'failed';
  externalTxId?: string | null;
  proofBlob?: string | null;
}

/** ledger.md CheckpointAnchor (LED-12): an adapter, idempotent on (logId, treeSize). */
export interface CheckpointAnchor {
  readonly name: string;
  anchor(cp: SignedCheckpoint): Promise<AnchorReceipt>;
  status(receipt: AnchorReceipt): Promise<'pending' | 'confirmed' | 'failed'>;
  verify(r: AnchorReceipt, cp: SignedCheckpoint): Promise<boolean>;
}

/** `none` (development): confirms without doing anything. */
export const noneAnchor: CheckpointAnchor = {
  name: 'none',
  anchor: async (cp) => ({
    anchorName: 'none',
    logId: cp.logId,
    treeSize: cp.treeSize,
    rootHash: cp.rootHash,
    status: 'confirmed',
  }),
  status: async () => 'confirmed',
  verify: async (r, cp) => r.rootHash === cp.rootHash && r.treeSize === cp.treeSize,
};

/** `file-witness`: copies each checkpoint to a directory (a WORM volume run by another organization). */
export function fileWitnessAnchor(dir: string): CheckpointAnchor {
  const path = (cp: { logId: string; treeSize: number }) =>
    join(dir, cp.logId.replace(/[^A-Za-z0-9.-]/g, '_'), `${cp.treeSize}.note`);
  return {
    name: 'file-witness',
    async anchor(cp) {
      const p = path(cp);
      mkdirSync(join(p, '..'), { recursive: true });
      if (!existsSync(p)) writeFileSync(p, cp.noteText, { flag: 'wx' });
      return {
        anchorName: 'file-witness',
        logId: cp.logId,
        treeSize: cp.treeSize,
        rootHash: cp.rootHash,
        status: 'confirmed',
        externalTxId: p,
        proofBlob: sm3Hex(cp.noteText),
      };
    },
    async status(r) {
      return existsSync(path(r)) ? 'confirmed' : 'pending';
    },
    async verify(r, cp) {
      return (
        existsSync(path(r)) &&
        sm3Hex(readFileSync(path(r), 'utf8')) === sm3Hex(cp.noteText) &&
        r.proofBlob === sm3Hex(cp.noteText)
      );
    },
  };
}

/**
 * Anchors the latest checkpoint of a log. A failure is recorded on the receipt (attempts,
 * last_error) and never thrown into the write path (LED-12); the next run retries in order.
 */
export async function anchorLatest(k: Kernel, anchor: CheckpointAnchor, log: string): Promise<AnchorReceipt | null> {
  const cpRow = await latestCheckpoint(k.db, logIdFor(k.ledger, log));
  if (!cpRow) return null;
  const cp: SignedCheckpoint = {
    logId: cpRow.log_id,
    treeSize: Number(cpRow.tree_size),
    rootHash: cpRow.root_hash,
    noteText: cpRow.note_text,
  };
  const id = randomUUID();
  const row = await store.ensureAnchorReceipt(k.db, {
    id,
    anchor_name: anchor.name,
    log_id: cp.logId,
    tree_size: cp.treeSize,
    root_hash: cp.rootHash,
    submitted_at: k.clock.now().toISOString(),
  });
  if (row.status === 'confirmed') return { ...cp, anchorName: anchor.name, status: 'confirmed', id: row.id };
  try {
    const r = await anchor.anchor(cp);
    await store.recordAnchorAttempt(k.db, row.id, r);
    return { ...r, id: row.id };
  } catch (e) {
    await store.recordAnchorAttempt(k.db, row.id, { error: (e as Error).message, status: 'failed' });
    return { ...cp, anchorName: anchor.name, status: 'failed', id: row.id };
  }
}

/** LED-12 alert: receipts not confirmed for longer than `ledger.anchorAlertHours`. */
export async function staleAnchorReceipts(
  k: Kernel,
): Promise<Array<{ id: string; anchorName: string; logId: string; treeSize: number }>> {
  const cutoff = new Date(
    k.clock.now().getTime() - k.profile.get<number>('ledger.anchorAlertHours') * 3600_000,
  ).toISOString();
  return (await store.unconfirmedReceiptsBefore(k.db, cutoff)).map((r) => ({
    id: r.id,
    anchorName: r.anchor_name,
    logId: r.log_id,
    treeSize: Number(r.tree_size),
  }));
}

/** Re-submits receipts that are not confirmed, oldest checkpoint first (catch-up after an outage). */
export async function catchUpAnchors(k: Kernel, anchor: CheckpointAnchor): Promise<number> {
  const rows = await store.unconfirmedReceiptCheckpoints(k.db, anchor.name);
  let confirmed = 0;
  for (const row of rows) {
    try {
      const r = await anchor.anchor({
        logId: row.log_id,
        treeSize: Number(row.tree_size),
        rootHash: row.root_hash,
        noteText: row.note_text,
      });
      await store.recordAnchorAttempt(k.db, row.id, r);
      if (r.status === 'confirmed') confirmed++;
    } catch (e) {
      await store.recordAnchorAttempt(k.db, row.id, { error: (e as Error).message });
      break; // keep order: later checkpoints wait for earlier ones
    }
  }
  return confirmed;
}

/** The deployment's anchor: a file witness when SHUYUN_WITNESS_DIR is set, else `none`. */
export function configuredAnchor(env: NodeJS.ProcessEnv = process.env): CheckpointAnchor {
  return env.SHUYUN_WITNESS_DIR ? fileWitnessAnchor(env.SHUYUN_WITNESS_DIR) : noneAnchor;
}
