import { createHash, hash as oneShotHash } from 'node:crypto';
import { IV_STATE, midstate, sm3From } from './sm3-node.js';

/**
 * Messages up to this many bytes are hashed in JavaScript (sm3-node.ts), longer ones by OpenSSL:
 * below it the call into OpenSSL costs more than the compressions (decision 0106).
 */
const JS_MAX = 183;
// UTF-8 of a short text is written here rather than into a new Buffer per call.
const SCRATCH = Buffer.allocUnsafe(JS_MAX);

/** `data` as bytes in SCRATCH when it is short enough for JavaScript, else undefined. */
function shortBytes(data: string): number | undefined {
  if (data.length * 3 > JS_MAX) return data.length > JS_MAX ? undefined : fits(data);
  return SCRATCH.write(data, 0, 'utf8');
}
function fits(data: string): number | undefined {
  const n = Buffer.byteLength(data, 'utf8');
  return n > JS_MAX ? undefined : SCRATCH.write(data, 0, 'utf8');
}

/**
 * SM3 digest (GB/T 32905-2016): short messages in JavaScript, others via OpenSSL in one call
 * (`crypto.hash`: 1.2 µs for a short text against 3.1 µs with a Hash object; decisions 0104, 0106).
 */
export function sm3(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') {
    const n = shortBytes(data);
    if (n === undefined) return oneShotHash('sm3', data, 'buffer');
    const out = Buffer.allocUnsafe(32);
    sm3From(IV_STATE, 0, SCRATCH, out, n);
    return out;
  }
  if (data.length > JS_MAX) return oneShotHash('sm3', data, 'buffer');
  const out = Buffer.allocUnsafe(32);
  sm3From(IV_STATE, 0, data, out);
  return out;
}

export function sm3Hex(data: Uint8Array | string): string {
  return sm3(data).toString('hex');
}

const BLOCK = 64; // SM3's block size in bytes (RFC 2104's B)

interface Pads {
  key: Buffer;
  ipad: Buffer;
  opad: Buffer;
  /** SM3 states after the ipad and opad blocks: a short message costs its own blocks only. */
  inner: Int32Array;
  outer: Int32Array;
}
// The padded keys of each key buffer and their SM3 states (decisions 0104, 0106).
const padsOf = new WeakMap<object, Pads>();

function pads(key: Uint8Array | string): Pads {
  const cached = typeof key === 'string' ? undefined : padsOf.get(key);
  // A key buffer changed in place (e.g. zeroed) is never served from stale pads.
  if (cached && cached.key.equals(key as Uint8Array)) return cached;
  const k = Buffer.from(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
  const k0 = Buffer.alloc(BLOCK);
  (k.length > BLOCK ? sm3(k) : k).copy(k0);
  const ipad = Buffer.allocUnsafe(BLOCK);
  const opad = Buffer.allocUnsafe(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = k0[i]! ^ 0x36;
    opad[i] = k0[i]! ^ 0x5c;
  }
  const p = { key: k, ipad, opad, inner: midstate(ipad), outer: midstate(opad) };
  if (typeof key !== 'string') padsOf.set(key, p);
  return p;
}

const INNER = Buffer.allocUnsafe(32);

/**
 * HMAC-SM3 (RFC 2104: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))), used for API-key secrets (KEY-02),
 * data-service inputs (SVC-07) and per-grant pseudonyms. Same bytes as `createHmac('sm3', key)`
 * (sm3.test.ts). A short message continues the cached pad states in JavaScript: its own blocks and
 * one outer block, ≈ 1.2 µs for a one-block message (decision 0106); a longer one takes two
 * one-shot OpenSSL hashes over the cached pads, 2.8 µs against createHmac's 7.9 µs (decision 0104).
 */
export function hmacSm3(key: Uint8Array | string, data: Uint8Array | string): Buffer {
  const p = pads(key);
  const n = typeof data === 'string' ? shortBytes(data) : data.length <= JS_MAX ? data.length : undefined;
  if (n !== undefined) {
    sm3From(p.inner, BLOCK, typeof data === 'string' ? SCRATCH : data, INNER, n);
    const out = Buffer.allocUnsafe(32);
    sm3From(p.outer, BLOCK, INNER, out);
    return out;
  }
  const m = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const inner = Buffer.allocUnsafe(BLOCK + m.length);
  p.ipad.copy(inner, 0);
  inner.set(m, BLOCK);
  const outer = Buffer.allocUnsafe(BLOCK + 32);
  p.opad.copy(outer, 0);
  oneShotHash('sm3', inner, 'buffer').copy(outer, BLOCK);
  return oneShotHash('sm3', outer, 'buffer');
}

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export type HashName = 'sm3' | 'sha256';

export function hashWith(name: HashName, ...parts: Uint8Array[]): Buffer {
  const h = createHash(name);
  for (const p of parts) h.update(p);
  return h.digest();
}
