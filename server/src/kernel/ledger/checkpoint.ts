import { sql, type Kysely, type Transaction } from 'kysely';
import { sm2PublicKeyPem } from '../crypto/sm2.js';
import { logIdFor } from './append.js';
import { consistencyProof, hasherFor, rootAt, verifyConsistency } from './merkle.js';
import { formatBody, keyId, signNote, sm2Signer, verifyNote, type NoteSigner, type NoteVerifier } from './note.js';
import type { LedgerDeps } from './sequencer.js';
import { ensureLog, lockLog, withStoredNodes } from './store.js';

export interface CheckpointRow {
  id: number; log_id: string; tree_size: number; root_hash: string; time_ms: number; note_text: string;
  key_name: string; key_id: string; alg: string; prev_tree_size: number | null; consistency_proof: string[];
}

/** The checkpoint signer of this deployment: SM2 with the standard user ID (LED-08). */
export function ledgerSigner(k: Pick<LedgerDeps, 'secrets' | 'ledger'>, log: string): NoteSigner {
  const key = k.secrets.ledgerSigningKey;
  return sm2Signer(logIdFor(k.ledger, log), key.privateKeyHex, key.publicKeyHex);
}

export function ledgerVerifier(k: Pick<LedgerDeps, 'secrets' | 'ledger'>, log: string): NoteVerifier {
  const s = ledgerSigner(k, log);
  return { keyName: s.keyName, alg: s.alg, publicKey: s.publicKey };
}

/** `GET /ledger/public-key` shape. */
export function publicKeyView(k: Pick<LedgerDeps, 'secrets' | 'ledger'>, log: string) {
  const s = ledgerSigner(k, log);
  return { keyName: s.keyName, algorithm: 'sm2-sm3' as const, publicKeyPem: sm2PublicKeyPem(k.secrets.ledgerSigningKey.publicKeyHex), keyId: keyId(s.keyName, s.alg, s.publicKey).toString('hex') };
}

export async function latestCheckpoint(db: Kysely<any> | Transaction<any>, logId: string): Promise<CheckpointRow | undefined> {
  return (await sql<CheckpointRow>`SELECT * FROM ledger_checkpoint WHERE log_id = ${logId} ORDER BY tree_size DESC, id DESC LIMIT 1`.execute(db)).rows[0];
}

/** LED-07 interval per log: `main`, `audit`, or `registry` for `registry-<org>` logs. */
function intervalSec(k: LedgerDeps, log: string): number {
  const table = k.profile.get<Record<string, number>>('ledger.checkpointIntervalSec');
  return table[log] ?? table[log.startsWith('registry-') ? 'registry' : 'main'] ?? 60;
}

export type SignOutcome = { signed: true; checkpoint: CheckpointRow } | { signed: false; reason: 'not_due' | 'inconsistent' | 'prev_signature_invalid' };

/**
 * Signs a checkpoint when due (LED-07): the tree grew and the interval passed, or the
 * max age passed, or there is none yet. Before signing it checks the previous checkpoint's
 * signature and a consistency proof from it to the new head, and refuses otherwise.
 */
export async function signCheckpointIfDue(k: LedgerDeps, log: string, opts: { force?: boolean } = {}): Promise<SignOutcome> {
  const logId = logIdFor(k.ledger, log);
  const h = hasherFor(k.ledger.hash);
  return k.db.transaction().execute(async (trx): Promise<SignOutcome> => {
    await lockLog(trx, logId);
    const size = Number((await ensureLog(trx, logId, k.ledger.hash)).tree_size);
    const last = await latestCheckpoint(trx, logId);
    const now = k.clock.now().getTime();
    const age = last ? (now - Number(last.time_ms)) / 1000 : Infinity;
    const due = opts.force || !last || (size > Number(last.tree_size) && age >= intervalSec(k, log))
      || age >= k.profile.get<number>('ledger.checkpointMaxAgeSec');
    if (!due) return { signed: false, reason: 'not_due' };
    const root = await withStoredNodes(trx, logId, (read) => rootAt(h, read, size));
    let proof: Buffer[] = [];
    if (last) {
      if (!verifyNote(last.note_text, [ledgerVerifier(k, log)])) return { signed: false, reason: 'prev_signature_invalid' };
      const m = Number(last.tree_size);
      proof = await withStoredNodes(trx, logId, (read) => consistencyProof(h, read, m, size));
      if (!verifyConsistency(h, m, size, Buffer.from(last.root_hash, 'hex'), root, proof)) return { signed: false, reason: 'inconsistent' };
    }
    const signer = ledgerSigner(k, log);
    const note = signNote(formatBody({ origin: logId, treeSize: size, rootHash: root, timeMs: now }), [signer]);
    const row = (await sql<CheckpointRow>`INSERT INTO ledger_checkpoint (log_id, tree_size, root_hash, time_ms, note_text, key_name, key_id, alg, prev_tree_size, consistency_proof)
      VALUES (${logId}, ${size}, ${root.toString('hex')}, ${now}, ${note}, ${signer.keyName}, ${keyId(signer.keyName, signer.alg, signer.publicKey).toString('hex')},
        ${signer.alg}, ${last ? Number(last.tree_size) : null}, ${JSON.stringify(proof.map((p) => p.toString('hex')))})
      RETURNING *`.execute(trx)).rows[0]!;
    return { signed: true, checkpoint: row };
  });
}
