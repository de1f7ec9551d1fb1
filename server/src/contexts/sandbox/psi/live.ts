import { createECDH, randomInt, type ECDH } from 'node:crypto';
import { hmacSm3 } from '../../../kernel/crypto/sm3.js';
import { fromB64, toB64 } from './client/codec.js';

/**
 * PSI-03/05: what a session holds while it is open, in this process's memory only (decision 0090): the fresh secret
 * scalar b (inside an OpenSSL ECDH object, never exported), the shuffled blinded set S = {b·H(y)}, and the buyer's
 * double-blinded points as they arrive. Nothing here is written to the database or to disk; a restart loses it, and
 * the session then expires.
 */
export interface Live {
  key: ECDH;
  listSize: number;
  platformSet: string[];
  doubled: string[];
  tags: Buffer[];
  complete: boolean;
  mode: 'cardinality' | 'membership';
  sketchKey: Buffer;
}

const live = new Map<string, Live>();
const prefixed = Buffer.alloc(33);

function mul(key: ECDH, x: Uint8Array): Buffer {
  prefixed[0] = 2;
  prefixed.set(x, 1);
  return key.computeSecret(prefixed);
}

/** Fisher–Yates with the OS CSPRNG (PSI-03: the order of S and, in cardinality mode, of D says nothing). */
export function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A fresh scalar (ECDH key generation: uniform in [1, n−1]) and the shuffled blinded platform set. */
export function openLive(
  id: string,
  o: { listSize: number; mode: Live['mode']; hashed: readonly Uint8Array[]; sketchKey: Buffer },
): Live {
  const key = createECDH('prime256v1');
  key.generateKeys();
  const l: Live = {
    key,
    listSize: o.listSize,
    platformSet: shuffle(o.hashed.map((h) => toB64(mul(key, h)))),
    doubled: [],
    tags: [],
    complete: false,
    mode: o.mode,
    sketchKey: o.sketchKey,
  };
  live.set(id, l);
  return l;
}

export const getLive = (id: string) => live.get(id);

/**
 * D_i = b·A_i for one chunk, in order; returns the index of the first item that is not a curve point, or -1. In
 * cardinality mode each A_i also leaves an 8-byte keyed tag for the differencing guard (PSI-04).
 */
export function absorb(l: Live, items: readonly string[]): number {
  const out: string[] = [];
  for (const [i, s] of items.entries()) {
    const a = fromB64(s);
    try {
      out.push(toB64(mul(l.key, a)));
    } catch {
      return i;
    }
    if (l.mode === 'cardinality') l.tags.push(hmacSm3(l.sketchKey, a).subarray(0, 8));
  }
  l.doubled.push(...out);
  return -1;
}

/** PSI-03: the secret is overwritten inside OpenSSL with a new random key, then dropped with everything else. */
export function destroyLive(id: string): boolean {
  const l = live.get(id);
  if (!l) return false;
  l.key.generateKeys();
  l.platformSet.length = 0;
  l.doubled.length = 0;
  l.tags.length = 0;
  live.delete(id);
  return true;
}

/** Sorted concatenated tags, the stored form of a list's sketch. */
export const sketchOf = (tags: readonly Buffer[]) => Buffer.concat([...tags].sort(Buffer.compare));

/** |A Δ B| for two sorted tag sketches (8 bytes each). */
export function symmetricDifference(a: Buffer, b: Buffer): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const c = Buffer.compare(a.subarray(i, i + 8), b.subarray(j, j + 8));
    if (c === 0) {
      common++;
      i += 8;
      j += 8;
    } else if (c < 0) i += 8;
    else j += 8;
  }
  return a.length / 8 + b.length / 8 - 2 * common;
}
