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

function leafJson(h: EntryHeader, headerCommitment: string, payloadCommitment: string): string {
  return canonicalJson({
    logId: h.logId,
    eventId: h.eventId,
    occurredAt: h.occurredAt,
    schemaVersion: h.schemaVersion,
    headerCommitment,
    payloadCommitment,
  });
}

/** The public leaf bytes: no object, org, person or event type in clear (LED-03). */
export function leafDataOf(h: EntryHeader, headerCommitment: string, payloadCommitment: string): Buffer {
  return Buffer.from(leafJson(h, headerCommitment, payloadCommitment), 'utf8');
}

/**
 * Builds a ledger entry: salted commitments (LED-03), the payload sealed with a fresh SM4
 * data key wrapped by the master key (so it can be crypto-erased after retention). The
 * payload is canonicalized once, for its commitment and its ciphertext alike.
 */
export function buildEntry(
  hash: HashName,
  saltBytes: number,
  masterKey: Buffer,
  header: EntryHeader,
  payload: unknown,
): BuiltEntry {
  const headerSalt = secureRandom(saltBytes);
  const payloadSalt = secureRandom(saltBytes);
  const headerCommitment = prefixedHash(hash, headerSalt, canonicalJson(header)).hex;
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
  };
}
