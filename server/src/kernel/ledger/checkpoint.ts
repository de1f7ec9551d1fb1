import { createPrivateKey, createPublicKey } from 'node:crypto';
import { sql } from 'kysely';
import { hmacSm3 } from '../crypto/sm3.js';
import { sm2PublicKeyPem } from '../crypto/sm2.js';
import { logIdFor } from './append.js';
import { consistencyProof, hasherFor, rootAt, verifyConsistency } from './merkle.js';
import {
  ed25519Signer,
  formatBody,
  keyId,
  signNote,
  sm2Signer,
  verifyNote,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';
import { checkCheckpointWithChain, type ChainKey } from './key-chain.js';
import { activeCheckpointKey, checkpointKeys } from './keys.js';
import type { LedgerDeps } from './sequencer.js';
import { ensureLog, lockLog, withStoredNodes } from './store.js';
import type { Executor } from '../db/tables.js';

export interface CheckpointRow {
  id: number;
  log_id: string;
  tree_size: number;
  root_hash: string;
  time_ms: number;
  note_text: string;
  key_name: string;
  key_id: string;
  alg: string;
  prev_tree_size: number | null;
  consistency_proof: string[];
}

type SignerDeps = Pick<LedgerDeps, 'secrets' | 'ledger'> & { profile?: LedgerDeps['profile'] };

/**
 * The checkpoint signer of this deployment (LED-08): SM2 with the standard user ID by default;
 * Ed25519 when `ledger.signAlg = ed25519`, with a key derived from the ledger secret (HMAC-SM3),
 * so no second secret has to be provisioned.
 */
export function ledgerSigner(k: SignerDeps, log: string): NoteSigner {
  const key = k.secrets.ledgerSigningKey;
  const name = logIdFor(k.ledger, log);
  if (k.profile?.get<string>('ledger.signAlg') === 'ed25519')
    return ed25519Signer(name, ed25519KeyFrom(key.privateKeyHex));
  return sm2Signer(name, key.privateKeyHex, key.publicKeyHex);
}

function ed25519KeyFrom(secretHex: string) {
  const seed = hmacSm3(Buffer.from(secretHex, 'hex'), 'shuyun-ledger-ed25519');
  return createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function ledgerVerifier(k: SignerDeps, log: string): NoteVerifier {
  const s = ledgerSigner(k, log);
  return { keyName: s.keyName, alg: s.alg, publicKey: s.publicKey };
}

/** `GET /ledger/public-key` shape. */
export function publicKeyView(k: SignerDeps, log: string) {
  const s = ledgerSigner(k, log);
  const publicKeyPem =
    s.alg === 'ed25519'
      ? createPublicKey({
          key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), s.publicKey]),
          format: 'der',
          type: 'spki',
        })
          .export({ format: 'pem', type: 'spki' })
          .toString()
      : sm2PublicKeyPem(k.secrets.ledgerSigningKey.publicKeyHex);
  return {
    keyName: s.keyName,
    algorithm: s.alg,
    publicKeyPem,
    keyId: keyId(s.keyName, s.alg, s.publicKey).toString('hex'),
  };
}

export async function latestCheckpoint(db: Executor, logId: string): Promise<CheckpointRow | undefined> {
  return (
    await sql<CheckpointRow>`SELECT * FROM ledger_checkpoint WHERE log_id = ${logId} ORDER BY tree_size DESC, id DESC LIMIT 1`.execute(
      db,
    )
  ).rows[0];
}

/** LED-07 interval per log: `main`, `audit`, or `registry` for `registry-<org>` logs. */
function intervalSec(k: LedgerDeps, log: string): number {
  const table = k.profile.get<Record<string, number>>('ledger.checkpointIntervalSec');
  return table[log] ?? table[log.startsWith('registry-') ? 'registry' : 'main'] ?? 60;
}

export type SignOutcome =
  | { signed: true; checkpoint: CheckpointRow }
  | {
      signed: false;
      reason: 'not_due' | 'inconsistent' | 'prev_signature_invalid' | 'prev_key_unknown' | 'prev_key_retired';
    };

const PREV_REFUSAL = {
  CHECKPOINT_UNKNOWN_KEY: 'prev_key_unknown',
  CHECKPOINT_SIGNATURE_INVALID: 'prev_signature_invalid',
  CHECKPOINT_AFTER_ROLLOVER: 'prev_key_retired',
} as const;

/**
 * The previous checkpoint verifies with the key it names (decision 0102): any key of the
 * deployment's rollover chain, a retired one only up to its last checkpoint. Ed25519 deployments
 * have no chain: their one key.
 */
export function signatureRefusal(k: SignerDeps, log: string, noteText: string, keys: ChainKey[]) {
  if (k.profile?.get<string>('ledger.signAlg') === 'ed25519')
    return verifyNote(noteText, [ledgerVerifier(k, log)]) ? null : ('prev_signature_invalid' as const);
  const c = checkCheckpointWithChain(keys, noteText);
  return c.ok ? null : PREV_REFUSAL[c.error];
}

const previousRefusal = async (trx: Executor, k: LedgerDeps, log: string, noteText: string) =>
  signatureRefusal(k, log, noteText, await checkpointKeys(trx, k));

/**
 * Signs a checkpoint when due (LED-07): the tree grew and the interval passed, or the
 * max age passed, or there is none yet. Before signing it checks the previous checkpoint's
 * signature and a consistency proof from it to the new head, and refuses otherwise.
 */
export async function signCheckpointIfDue(
  k: LedgerDeps,
  log: string,
  opts: { force?: boolean } = {},
): Promise<SignOutcome> {
  const logId = logIdFor(k.ledger, log);
  const h = hasherFor(k.ledger.hash);
  return k.db.transaction().execute(async (trx): Promise<SignOutcome> => {
    await lockLog(trx, logId);
    const size = Number((await ensureLog(trx, logId, k.ledger.hash)).tree_size);
    const last = await latestCheckpoint(trx, logId);
    const now = k.clock.now().getTime();
    const age = last ? (now - Number(last.time_ms)) / 1000 : Infinity;
    const due =
      opts.force ||
      !last ||
      (size > Number(last.tree_size) && age >= intervalSec(k, log)) ||
      age >= k.profile.get<number>('ledger.checkpointMaxAgeSec');
    if (!due) return { signed: false, reason: 'not_due' };
    const root = await withStoredNodes(trx, logId, (read) => rootAt(h, read, size));
    await activeCheckpointKey(trx, k);
    let proof: Buffer[] = [];
    if (last) {
      const refusal = await previousRefusal(trx, k, log, last.note_text);
      if (refusal) return { signed: false, reason: refusal };
      const m = Number(last.tree_size);
      proof = await withStoredNodes(trx, logId, (read) => consistencyProof(h, read, m, size));
      if (!verifyConsistency(h, m, size, Buffer.from(last.root_hash, 'hex'), root, proof))
        return { signed: false, reason: 'inconsistent' };
    }
    const signer = ledgerSigner(k, log);
    const note = signNote(formatBody({ origin: logId, treeSize: size, rootHash: root, timeMs: now }), [signer]);
    const row = (
      await sql<CheckpointRow>`INSERT INTO ledger_checkpoint (log_id, tree_size, root_hash, time_ms, note_text, key_name, key_id, alg, prev_tree_size, consistency_proof)
      VALUES (${logId}, ${size}, ${root.toString('hex')}, ${now}, ${note}, ${signer.keyName}, ${keyId(signer.keyName, signer.alg, signer.publicKey).toString('hex')},
        ${signer.alg}, ${last ? Number(last.tree_size) : null}, ${JSON.stringify(proof.map((p) => p.toString('hex')))})
      RETURNING *`.execute(trx)
    ).rows[0]!;
    return { signed: true, checkpoint: row };
  });
}
