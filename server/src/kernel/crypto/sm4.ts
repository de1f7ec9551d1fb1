import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * SM4-CBC with a random IV, output iv ‖ ciphertext. Used for per-record data keys
 * (ledger payloads, LED-03) and field encryption (ID numbers, TOTP secrets).
 */
export function sm4Encrypt(key: Uint8Array, plain: Uint8Array | string): Buffer {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([iv, c.update(plain), c.final()]);
}

export function sm4Decrypt(key: Uint8Array, blob: Uint8Array): Buffer {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  const buf = Buffer.from(blob);
  const d = createDecipheriv('sm4-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([d.update(buf.subarray(16)), d.final()]);
}

/** Deterministic SM4-ECB of one block-padded value: a reversible token (sandbox masking). */
export function sm4Token(key: Uint8Array, value: string): string {
  const c = createCipheriv('sm4-ecb', key, null);
  return Buffer.concat([c.update(value, 'utf8'), c.final()]).toString('hex');
}
