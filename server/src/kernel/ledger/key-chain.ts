import { canonicalJson } from '../crypto/jcs.js';
import { sm2Sign, sm2Verify, type Sm2KeyPair } from '../crypto/sm2.js';
import { keyId, parseNote, verifyNote, type NoteVerifier } from './note.js';

/**
 * Checkpoint-key rollover (issue 21, decision 0102). A new SM2 checkpoint key is introduced by a
 * statement naming the old and new public keys and, per log, the last checkpoint the old key signed.
 * The OLD key signs the statement (only the key holder can hand over); the NEW key countersigns it
 * (proof of possession, so a verifier who pinned the new key can also walk back to the old one).
 * A verifier holding any one key of the chain accepts every key of it; a checkpoint signed by a
 * retired key is accepted only up to the last checkpoint its statement names.
 */
export const ROLLOVER_FORMAT = 'shuyun-checkpoint-key-rollover/1';

export interface LastCheckpoint {
  logId: string;
  treeSize: number;
  rootHash: string;
}

export interface RolloverStatement {
  format: typeof ROLLOVER_FORMAT;
  alg: 'sm2-sm3';
  /** Generation of the new key (the original key is generation 1). */
  generation: number;
  oldPublicKeyHex: string;
  newPublicKeyHex: string;
  lastCheckpoints: LastCheckpoint[];
  timeMs: number;
}

export interface SignedRollover {
  statement: RolloverStatement;
  /** SM2-SM3 (standard user ID, DER, base64) by the old key over the RFC 8785 bytes of the statement. */
  signature: string;
  /** The same by the new key. */
  newKeySignature: string;
}

export type KeyChainError =
  | 'ROLLOVER_NOT_SIGNED_BY_OLD_KEY'
  | 'ROLLOVER_NOT_SIGNED_BY_NEW_KEY'
  | 'ROLLOVER_CHAIN_BROKEN'
  | 'ROLLOVER_KEY_NOT_IN_CHAIN';

export type CheckpointKeyError =
  | 'CHECKPOINT_UNKNOWN_KEY'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'CHECKPOINT_AFTER_ROLLOVER';

export interface ChainKey {
  generation: number;
  publicKeyHex: string;
  /** Set once retired: the last checkpoint per log it may have signed. */
  retiredAfter: LastCheckpoint[] | null;
}

const bytes = (s: RolloverStatement) => Buffer.from(canonicalJson(s), 'utf8');

export function signRollover(statement: RolloverStatement, oldKey: Sm2KeyPair, newKey: Sm2KeyPair): SignedRollover {
  return {
    statement,
    signature: sm2Sign(bytes(statement), oldKey.privateKeyHex).toString('base64'),
    newKeySignature: sm2Sign(bytes(statement), newKey.privateKeyHex).toString('base64'),
  };
}

function linkError(r: SignedRollover, prev: string, generation: number): KeyChainError | null {
  const s = r.statement;
  if (s.format !== ROLLOVER_FORMAT || s.oldPublicKeyHex !== prev || s.generation !== generation)
    return 'ROLLOVER_CHAIN_BROKEN';
  const b = bytes(s);
  if (!sm2Verify(b, Buffer.from(r.signature, 'base64'), s.oldPublicKeyHex)) return 'ROLLOVER_NOT_SIGNED_BY_OLD_KEY';
  if (!sm2Verify(b, Buffer.from(r.newKeySignature, 'base64'), s.newPublicKeyHex))
    return 'ROLLOVER_NOT_SIGNED_BY_NEW_KEY';
  return null;
}

/**
 * Walks a chain of rollovers from the original key (generation 1) and returns its keys, or the
 * named error of the first bad link. `trustedPublicKeyHex`, the key the verifier pinned, must be one
 * of the chain's keys.
 */
export function verifyKeyChain(
  originalPublicKeyHex: string,
  rollovers: SignedRollover[],
  trustedPublicKeyHex: string = originalPublicKeyHex,
): { ok: true; keys: ChainKey[] } | { ok: false; error: KeyChainError; index: number } {
  const keys: ChainKey[] = [{ generation: 1, publicKeyHex: originalPublicKeyHex, retiredAfter: null }];
  for (const [i, r] of rollovers.entries()) {
    const prev = keys.at(-1)!;
    const error = linkError(r, prev.publicKeyHex, prev.generation + 1);
    if (error) return { ok: false, error, index: i };
    prev.retiredAfter = r.statement.lastCheckpoints;
    keys.push({ generation: prev.generation + 1, publicKeyHex: r.statement.newPublicKeyHex, retiredAfter: null });
  }
  if (!keys.some((k) => k.publicKeyHex === trustedPublicKeyHex))
    return { ok: false, error: 'ROLLOVER_KEY_NOT_IN_CHAIN', index: -1 };
  return { ok: true, keys };
}

const verifierOf = (keyName: string, k: ChainKey): NoteVerifier => ({
  keyName,
  alg: 'sm2-sm3',
  publicKey: Buffer.from(k.publicKeyHex, 'hex'),
});

/** The chain key whose C2SP key id a checkpoint of `origin` names, if any. */
export function keyByKeyId(keys: ChainKey[], origin: string, keyIdHex: string): ChainKey | undefined {
  return keys.find((k) => keyId(origin, 'sm2-sm3', Buffer.from(k.publicKeyHex, 'hex')).toString('hex') === keyIdHex);
}

/**
 * Checks a checkpoint note against a verified chain: its signature names a chain key (else
 * CHECKPOINT_UNKNOWN_KEY), that key's signature verifies, and a retired key signed nothing past
 * the last checkpoint its rollover statement names (else CHECKPOINT_AFTER_ROLLOVER).
 */
export function checkCheckpointWithChain(
  keys: ChainKey[],
  noteText: string,
): { ok: true; key: ChainKey } | { ok: false; error: CheckpointKeyError } {
  let note: ReturnType<typeof parseNote>;
  try {
    note = parseNote(noteText);
  } catch {
    return { ok: false, error: 'CHECKPOINT_SIGNATURE_INVALID' };
  }
  const origin = note.checkpoint.origin;
  const named = note.signatures
    .filter((s) => s.keyName === origin)
    .map((s) => keyByKeyId(keys, origin, s.keyId.toString('hex')))
    .filter((k): k is ChainKey => !!k);
  if (!named.length) return { ok: false, error: 'CHECKPOINT_UNKNOWN_KEY' };
  const key = named.find((k) => verifyNote(noteText, [verifierOf(origin, k)]));
  if (!key) return { ok: false, error: 'CHECKPOINT_SIGNATURE_INVALID' };
  if (key.retiredAfter) {
    const last = key.retiredAfter.find((c) => c.logId === origin);
    const size = note.checkpoint.treeSize;
    const root = note.checkpoint.rootHash.toString('hex');
    if (!last || size > last.treeSize || (size === last.treeSize && root !== last.rootHash))
      return { ok: false, error: 'CHECKPOINT_AFTER_ROLLOVER' };
  }
  return { ok: true, key };
}

/** Note verifiers for every key of a chain (the nightly audit, LED-11 (e)). */
export const chainVerifiers = (keyName: string, keys: ChainKey[]): NoteVerifier[] =>
  keys.map((k) => verifierOf(keyName, k));
