import { canonicalJson } from '../crypto/jcs.js';
import { hash as oneShotHash } from 'node:crypto';
import type { HashName } from '../crypto/sm3.js';
import { secureRandom } from '../crypto/random.js';
import { sm4Decrypt, sm4Encrypt, unwrapDataKey, wrapDataKey } from '../crypto/sm4.js';

/** The header of a LedgerEntry: every field except seq, leafHash and the commitments (ledger.md). */
export interface EntryHeader {
  logId: string;
  eventId: string;
  objectType: string;
  objectId: string;
  objectVersion: number;
  eventType: string;
  fromState: string | null;
  toState: string | null;
  actor: Record<string, unknown>;
  occurredAt: string;
  txId: string;
  prevObjectLeafHash: string | null;
  retentionClass: string;
  schemaVersion: number;
}

export interface BuiltEntry {
  header: EntryHeader;
  headerSalt: Buffer;
  headerCommitment: string;
  payloadSalt: Buffer;
  payloadCommitment: string;
  payloadEnc: Buffer;
  payloadKeyEnc: Buffer;
  leafData: Buffer;
  leafHash: string;
  /** JCS of the header (what headerCommitment commits to): valid JSON, so the insert can carry it as is. */
  headerJson: string;
}

export function commitment(hash: HashName, salt: Uint8Array, value: unknown): string {
  return prefixedHash(hash, salt, canonicalJson(value)).hex;
}

/**
 * H(prefix ‖ UTF-8(text)) in one buffer and one OpenSSL call (≈ 1.7 µs vs 2.9 µs with a Hash
 * object; bench ledger.append); `bytes` is that buffer, so a caller can keep the text's bytes.
 */
function prefixedHash(hash: HashName, prefix: Uint8Array, text: string): { bytes: Buffer; hex: string } {
  const bytes = Buffer.allocUnsafe(prefix.length + Buffer.byteLength(text, 'utf8'));
  bytes.set(prefix, 0);
  bytes.write(text, prefix.length, 'utf8');
  return { bytes, hex: oneShotHash(hash, bytes, 'hex') };
}

/**
 * The payload sealed by buildEntry, opened with the master key (while it is retained). The caller
 * names the shape it reads: we wrote the value ourselves (buildEntry), so it is not validated again.
 */
export function openPayload<T = unknown>(masterKey: Uint8Array, payloadKeyEnc: Uint8Array, payloadEnc: Uint8Array): T {
  return JSON.parse(sm4Decrypt(unwrapDataKey(masterKey, payloadKeyEnc), payloadEnc).toString('utf8'));
}

/** RFC 9162 §2.1 leaf hash H(0x00 ‖ d). */
export function leafHashOf(hash: HashName, leafData: Uint8Array): string {
  return oneShotHash(hash, Buffer.concat([LEAF_PREFIX, leafData]), 'hex');
}
const LEAF_PREFIX = Buffer.from([0]);

/**
 * JCS of the leaf object, written out: its six keys in RFC 8785 order (UTF-16 code units), strings
 * through JSON.stringify (RFC 8785 string form), the one number an integer. Equal to
 * canonicalJson({logId, eventId, occurredAt, schemaVersion, headerCommitment, payloadCommitment})
 * (entry.test.ts), without sorting keys per entry (bench ledger.append).
 */
function leafJson(h: EntryHeader, headerCommitment: string, payloadCommitment: string): string {
  // The commitments are hex we just computed: nothing in them needs escaping.
  return `{"eventId":${JSON.stringify(h.eventId)},"headerCommitment":"${headerCommitment}","logId":${valueJson('logId', h.logId)},"occurredAt":${valueJson('occurredAt', h.occurredAt)},"payloadCommitment":"${payloadCommitment}","schemaVersion":${canonicalJson(h.schemaVersion)}}`;
}

/** EntryHeader's keys in RFC 8785 order: headerJson writes them without sorting. */
const HEADER_KEYS = [
  'actor',
  'eventId',
  'eventType',
  'fromState',
  'logId',
  'objectId',
  'objectType',
  'objectVersion',
  'occurredAt',
  'prevObjectLeafHash',
  'retentionClass',
  'schemaVersion',
  'toState',
  'txId',
] as const satisfies readonly (keyof EntryHeader)[];
const HEADER_PREFIX = HEADER_KEYS.map((k) => `${JSON.stringify(k)}:`);

/**
 * JCS (RFC 8785) of a header, equal to canonicalJson(header) (entry.test.ts): the fixed keys in
 * their sorted order, undefined ones left out as JCS leaves them. `actorJson` is the actor's JCS
 * when the caller already has it (one actor object serves a whole batch). A header with any
 * other key goes through canonicalJson.
 */
export function headerJson(h: EntryHeader, actorJson?: string): string {
  let n = 0;
  for (const _ in h) n++;
  if (n !== HEADER_KEYS.length) return canonicalJson(h);
  let s = '{';
  for (let i = 0; i < HEADER_KEYS.length; i++) {
    const k = HEADER_KEYS[i]!;
    if (!Object.hasOwn(h, k)) return canonicalJson(h);
    const v = h[k];
    if (v === undefined) continue;
    if (s.length > 1) s += ',';
    s += HEADER_PREFIX[i]! + (i === 0 && actorJson !== undefined ? actorJson : valueJson(k, v));
  }
  return `${s}}`;
}

/**
 * A header value's JCS. Most string values repeat across a batch (log, type, event type, states,
 * time, tx, retention class), so their JSON string form is remembered; the ids that differ per
 * entry are serialized each time. JSON.stringify of a string is RFC 8785's string form.
 */
function valueJson(k: (typeof HEADER_KEYS)[number], v: unknown): string {
  if (typeof v !== 'string' || k === 'eventId' || k === 'objectId' || k === 'prevObjectLeafHash')
    return canonicalJson(v);
  let j = quoted.get(v);
  if (j === undefined) {
    if (quoted.size >= QUOTED_MAX) quoted.clear();
    quoted.set(v, (j = JSON.stringify(v)));
  }
  return j;
}
const quoted = new Map<string, string>();
const QUOTED_MAX = 4096;

/** The public leaf bytes: no object, org, person or event type in clear (LED-03). */
export function leafDataOf(h: EntryHeader, headerCommitment: string, payloadCommitment: string): Buffer {
  // The generic canonical form, not leafJson: tests hold buildEntry's bytes against it.
  const leaf = { logId: h.logId, eventId: h.eventId, occurredAt: h.occurredAt, schemaVersion: h.schemaVersion };
  return Buffer.from(canonicalJson({ ...leaf, headerCommitment, payloadCommitment }), 'utf8');
}

/**
 * Builds a ledger entry: salted commitments (LED-03), the payload sealed with a fresh SM4
 * data key wrapped by the master key (so it can be crypto-erased after retention). The
 * payload is canonicalized once, for its commitment and its ciphertext alike; the header once,
 * for its commitment and the row (`headerJson`). `actorJson`: see headerJson.
 */
export function buildEntry(
  hash: HashName,
  saltBytes: number,
  masterKey: Buffer,
  header: EntryHeader,
  payload: unknown,
  actorJson?: string,
): BuiltEntry {
  const headerSalt = secureRandom(saltBytes);
  const payloadSalt = secureRandom(saltBytes);
  const hJson = headerJson(header, actorJson);
  const headerCommitment = prefixedHash(hash, headerSalt, hJson).hex;
  const payloadJson = canonicalJson(payload ?? null);
  const payloadCommitment = prefixedHash(hash, payloadSalt, payloadJson).hex;
  const dataKey = secureRandom(16);
  const payloadEnc = sm4Encrypt(dataKey, payloadJson);
  const payloadKeyEnc = wrapDataKey(masterKey, dataKey);
  // 0x00 ‖ leaf bytes in one buffer: the leaf data is a view of it, its hash one call.
  const leaf = prefixedHash(hash, LEAF_PREFIX, leafJson(header, headerCommitment, payloadCommitment));
  return {
    header,
    headerSalt,
    headerCommitment,
    payloadSalt,
    payloadCommitment,
    payloadEnc,
    payloadKeyEnc,
    leafData: leaf.bytes.subarray(1),
    leafHash: leaf.hex,
    headerJson: hJson,
  };
}
