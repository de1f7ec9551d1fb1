import { canonicalJson } from '../crypto/jcs.js';
import { hashWith, type HashName } from '../crypto/sm3.js';
import { secureRandom } from '../crypto/random.js';
import { sm4Encrypt, wrapDataKey } from '../crypto/sm4.js';

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
  return hashWith(hash, salt, Buffer.from(canonicalJson(value), 'utf8')).toString('hex');
}

/** RFC 9162 §2.1 leaf hash H(0x00 ‖ d). */
export function leafHashOf(hash: HashName, leafData: Uint8Array): string {
  return hashWith(hash, Buffer.from([0]), leafData).toString('hex');
}

/** The public leaf bytes: no object, org, person or event type in clear (LED-03). */
export function leafDataOf(h: EntryHeader, headerCommitment: string, payloadCommitment: string): Buffer {
  return Buffer.from(canonicalJson({
    logId: h.logId, eventId: h.eventId, occurredAt: h.occurredAt, schemaVersion: h.schemaVersion,
    headerCommitment, payloadCommitment,
  }), 'utf8');
}

/**
 * Builds a ledger entry: salted commitments (LED-03), the payload sealed with a fresh SM4
 * data key wrapped by the master key (so it can be crypto-erased after retention).
 */
export function buildEntry(hash: HashName, saltBytes: number, masterKey: Buffer, header: EntryHeader, payload: unknown): BuiltEntry {
  const headerSalt = secureRandom(saltBytes);
  const payloadSalt = secureRandom(saltBytes);
  const headerCommitment = commitment(hash, headerSalt, header);
  const payloadCommitment = commitment(hash, payloadSalt, payload ?? null);
  const dataKey = secureRandom(16);
  const payloadEnc = sm4Encrypt(dataKey, canonicalJson(payload ?? null));
  const payloadKeyEnc = wrapDataKey(masterKey, dataKey);
  const leafData = leafDataOf(header, headerCommitment, payloadCommitment);
  return { header, headerSalt, headerCommitment, payloadSalt, payloadCommitment, payloadEnc, payloadKeyEnc, leafData, leafHash: leafHashOf(hash, leafData) };
}
