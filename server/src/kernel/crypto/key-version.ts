/**
 * How a master-key blob names the master-key version that protects it (issue 21, decision 0103).
 *
 * - A blob written before versions existed (every blob of a never-rotated deployment) is version 1
 *   and keeps its old form: a one-block wrap (16 bytes) or iv ‖ SM4-CBC, always a multiple of 16.
 * - A blob under version ≥ 2 is `KV ‖ u16 version ‖ <that old form>`: its length is 4 mod 16, so the
 *   two forms can never be confused and no table needs a version column.
 *
 * Version 1 keeps the header-free form, so a deployment that never rotates writes exactly the bytes
 * it wrote before (same sizes, same bench).
 */
const MAGIC = Buffer.from('KV', 'latin1');
const HEADER = 4;

export function blobVersion(blob: Uint8Array): number {
  if (blob.length % 16 !== HEADER) return 1;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (!b.subarray(0, 2).equals(MAGIC)) throw new Error('master-key blob with a bad version header');
  return b.readUInt16BE(2);
}

export const blobBody = (blob: Uint8Array): Uint8Array => (blob.length % 16 === HEADER ? blob.subarray(HEADER) : blob);

export function withVersion(version: number, body: Buffer): Buffer {
  if (version === 1) return body;
  const h = Buffer.alloc(HEADER);
  MAGIC.copy(h);
  h.writeUInt16BE(version, 2);
  return Buffer.concat([h, body]);
}

// A master key Buffer remembers its version (set by the key ring), so code handed only the current
// key — the ledger append path's LedgerConfig.masterKey — still labels what it wraps.
const versions = new WeakMap<Uint8Array, number>();

export const labelKeyVersion = (key: Uint8Array, version: number) => versions.set(key, version);
export const keyVersionOf = (key: Uint8Array): number => versions.get(key) ?? 1;
