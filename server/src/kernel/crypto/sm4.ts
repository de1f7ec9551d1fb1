import { createCipheriv, createDecipheriv, type Decipher } from 'node:crypto';
import { keyVersionOf, withVersion } from './key-version.js';
import { secureRandom } from './random.js';
import { sm4BlockJs, sm4CbcEncryptJs, sm4RoundKeys } from './sm4-js.js';

/** Values up to this many bytes are encrypted in JavaScript (sm4-js.ts; decision 0106). */
const JS_MAX = 4096;
// UTF-8 of a short text is written here rather than into a new Buffer per call.
const SCRATCH = Buffer.allocUnsafe(JS_MAX);

/**
 * SM4-CBC with a random IV, output iv ‖ ciphertext. Used for per-record data keys
 * (ledger payloads, LED-03) and field encryption (ID numbers, TOTP secrets). Short values
 * are encrypted in JavaScript: with a fresh key each time, OpenSSL's context set-up is most
 * of the cost (decision 0106); the bytes are the same.
 */
export function sm4Encrypt(key: Uint8Array, plain: Uint8Array | string): Buffer {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  const iv = secureRandom(16);
  if (typeof plain === 'string') {
    if (plain.length * 3 <= JS_MAX) return sm4CbcEncryptJs(key, iv, SCRATCH, SCRATCH.write(plain, 0, 'utf8'));
  } else if (plain.length <= JS_MAX) return sm4CbcEncryptJs(key, iv, plain);
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

// One ECB decipher per master key, kept open: without padding and without final(), update()
// is a pure block function, so unwrapping a 16-byte data key costs one block, not a new
// OpenSSL context (≈ 7 µs; bench ledger.append).
const unwrappers = new WeakMap<Uint8Array, Decipher>();

function unwrapperFor(masterKey: Uint8Array) {
  let d = unwrappers.get(masterKey);
  if (!d) {
    if (masterKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
    unwrappers.set(masterKey, (d = createDecipheriv('sm4-ecb', masterKey, null).setAutoPadding(false)));
  }
  return d;
}

/**
 * Wraps a random 16-byte data key under the master key (one SM4 block). A data key is
 * random and used once, so the deterministic single-block wrap reveals nothing. Under a
 * master-key version ≥ 2 the block carries the version header (key-version.ts, decision 0103).
 */
export function wrapDataKey(masterKey: Uint8Array, dataKey: Uint8Array): Buffer {
  if (dataKey.length !== 16) throw new Error('data key must be 16 bytes');
  return withVersion(keyVersionOf(masterKey), sm4BlockJs(roundKeysOf(masterKey), dataKey));
}

// The master key's SM4 round keys, computed once per key: a wrap is then one block in JavaScript
// (0.20 µs, against 0.52 µs through a kept-open OpenSSL context; decision 0106).
const roundKeys = new WeakMap<Uint8Array, Int32Array>();
function roundKeysOf(masterKey: Uint8Array): Int32Array {
  let rk = roundKeys.get(masterKey);
  if (!rk) {
    if (masterKey.length !== 16) throw new Error('SM4 key must be 16 bytes');
    roundKeys.set(masterKey, (rk = sm4RoundKeys(masterKey)));
  }
  return rk;
}

/**
 * Unwraps a header-free data key: one block (wrapDataKey) or the earlier iv ‖ SM4-CBC form
 * (48 bytes). Versioned blobs are opened through the key ring (MasterKeyRing.unwrap).
 */
export function unwrapDataKey(masterKey: Uint8Array, blob: Uint8Array): Buffer {
  if (blob.length === 16) return unwrapperFor(masterKey).update(blob);
  return sm4Decrypt(masterKey, blob);
}
