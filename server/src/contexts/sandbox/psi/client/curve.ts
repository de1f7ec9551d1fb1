import { p256, p256_hasher } from '@noble/curves/nist.js';
import { invert } from '@noble/curves/abstract/modular.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { IdentifierType } from './canonical.js';

/**
 * PSI-02: items become P-256 points by RFC 9380 hash_to_curve, suite P256_XMD:SHA-256_SSWU_RO_ (simplified SWU,
 * random-oracle variant, from @noble/curves), never H(x)·G. A point travels as its 32-byte x-coordinate: P and −P
 * share it, and x(k·P) = x(k·(−P)), so blinding, double blinding and unblinding all work on x alone (decision 0090).
 */
export const SUITE = 'P256_XMD:SHA-256_SSWU_RO_';
export const DST = 'SHUYUN-PSI-V01-CS01-with-P256_XMD:SHA-256_SSWU_RO_';
export const CURVE = 'P-256';
const ORDER = p256.CURVE.n;
const enc = new TextEncoder();

/** The item's point (x only). The type is part of the message, so a phone number never meets an ID number. */
export function hashItem(type: IdentifierType, canonical: string): Uint8Array {
  const P = p256_hasher.hashToCurve(enc.encode(`${type}\u0000${canonical}`), { DST });
  return scalarBytes(P.toAffine().x);
}

/** Multiplies x-only points by one scalar. The browser uses this one; Node uses OpenSSL (node.ts), same answers. */
export interface Multiplier {
  mul(x: Uint8Array): Uint8Array;
}

export function nobleMultiplier(k: bigint): Multiplier {
  const prefixed = new Uint8Array(33);
  prefixed[0] = 2;
  return {
    mul(x) {
      prefixed.set(x, 1);
      return p256.ProjectivePoint.fromHex(prefixed).multiply(k).toRawBytes(true).subarray(1);
    },
  };
}

/**
 * The buyer's blinding scalar for one service, derived from its own secret (HKDF-SHA-256). It is the same for the
 * same service on purpose: the platform's differencing guard (PSI-04) compares blinded lists across sessions.
 */
export function buyerScalar(secret: Uint8Array, serviceId: string): bigint {
  const okm = hkdf(sha256, secret, enc.encode('shuyun-psi-buyer'), enc.encode(serviceId), 48);
  return (toBig(okm) % (ORDER - 1n)) + 1n;
}

export const inverse = (k: bigint) => invert(k, ORDER);

export function toBig(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

export function scalarBytes(k: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = k;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
