import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { HashName } from '../crypto/sm3.js';
import { sm3Node, sm3NodeInto } from '../crypto/sm3-node.js';

/**
 * RFC 9162 §2.1 Merkle tree hashing and proofs (LED-05, LED-09). Pure functions over a
 * `NodeReader`, so the same code serves an in-memory tree and the stored compact node
 * set (docs/decisions/0010-ledger-tree-storage.md). Sizes and indices are JS numbers;
 * we never use `>>` on them because it truncates to 32 bits.
 */
export interface Hasher {
  readonly name: HashName;
  empty(): Buffer;
  leaf(data: Uint8Array): Buffer;
  node(left: Uint8Array, right: Uint8Array): Buffer;
  /** node() written into `out` (may alias an input): verification without allocation. */
  nodeInto(out: Buffer, left: Uint8Array, right: Uint8Array): Buffer;
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
// Node ≥ 20.12 one-shot hash: no Hash object per call, about 25% faster on 65-byte nodes.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;

export function hasherFor(name: HashName): Hasher {
  const node = (l: Uint8Array, r: Uint8Array) => {
    if (name === 'sm3' && l.length === 32 && r.length === 32) return sm3Node(l, r);
    if (!oneShot || l.length !== 32 || r.length !== 32)
      return createHash(name).update(NODE).update(l).update(r).digest();
    const b = Buffer.allocUnsafe(65);
    b[0] = 1;
    b.set(l, 1);
    b.set(r, 33);
    return oneShot(name, b, 'buffer');
  };
  const nodeInto =
    name === 'sm3'
      ? (out: Buffer, l: Uint8Array, r: Uint8Array) =>
          l.length === 32 && r.length === 32 && out.length === 32 ? sm3NodeInto(out, l, r) : node(l, r)
      : (_out: Buffer, l: Uint8Array, r: Uint8Array) => node(l, r);
  return {
    name,
    nodeInto,
    empty: () => createHash(name).digest(),
    leaf: (d) => createHash(name).update(LEAF).update(d).digest(),
    node,
  };
}

/** Reads the hash of the perfect subtree (level, index): leaves [index·2^level, (index+1)·2^level). */
export type NodeReader = (level: number, index: number) => Buffer;

const half = (x: number) => Math.floor(x / 2);
const odd = (x: number) => x % 2 === 1;

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPow2(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** MTH(D[lo:hi]) from stored perfect-subtree nodes; O(log n) reads for any range. */
export function subtreeHash(h: Hasher, read: NodeReader, lo: number, hi: number): Buffer {
  const n = hi - lo;
  if (n <= 0) return h.empty();
  if (isPow2(n) && lo % n === 0) return read(Math.round(Math.log2(n)), lo / n);
  const k = splitPoint(n);
  return h.node(subtreeHash(h, read, lo, lo + k), subtreeHash(h, read, lo + k, hi));
}

/** The tree head MTH(D[0:n]). */
export function rootAt(h: Hasher, read: NodeReader, n: number): Buffer {
  return subtreeHash(h, read, 0, n);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]). */
export function inclusionProof(h: Hasher, read: NodeReader, m: number, n: number): Buffer[] {
  if (!(m >= 0 && m < n)) throw new RangeError('proof range invalid');
  const out: Buffer[] = [];
  const path = (lo: number, hi: number) => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (m < lo + k) {
      path(lo, lo + k);
      out.push(subtreeHash(h, read, lo + k, hi));
    } else {
      path(lo + k, hi);
      out.push(subtreeHash(h, read, lo, lo + k));
    }
  };
  path(0, n);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) via SUBPROOF(m, D[lo:hi], b). */
export function consistencyProof(h: Hasher, read: NodeReader, m: number, n: number): Buffer[] {
  if (!(m >= 0 && m <= n)) throw new RangeError('proof range invalid');
  if (m === 0 || m === n) return [];
  const out: Buffer[] = [];
  const sub = (mm: number, lo: number, hi: number, b: boolean) => {
    const size = hi - lo;
    if (mm === size) {
      if (!b) out.push(subtreeHash(h, read, lo, hi));
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      sub(mm, lo, lo + k, b);
      out.push(subtreeHash(h, read, lo + k, hi));
    } else {
      sub(mm - k, lo + k, hi, false);
      out.push(subtreeHash(h, read, lo, lo + k));
    }
  };
  sub(m, 0, n, true);
  return out;
}

/**
 * Runs a proof builder once with a recording reader to learn which stored nodes it needs
 * (the control flow never depends on hash values), so a store can fetch them in one query.
 */
export function nodesNeeded(build: (read: NodeReader) => unknown): Array<[number, number]> {
  const seen = new Map<string, [number, number]>();
  const zero = Buffer.alloc(32);
  build((level, index) => {
    seen.set(`${level}:${index}`, [level, index]);
    return zero;
  });
  return [...seen.values()];
}

const eq = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** RFC 9162 §2.1.3.2: verifies an inclusion proof. Inputs are attacker-controlled. */
export function verifyInclusion(
  h: Hasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = h.nodeInto(r, p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = h.nodeInto(r, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && eq(r, root);
}

/** RFC 9162 §2.1.4.2: verifies a consistency proof between tree heads of size m ≤ n. */
export function verifyConsistency(
  h: Hasher,
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && eq(rootM, rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(m) ? [Buffer.from(rootM), ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = h.nodeInto(fr, c, fr);
      sr = h.nodeInto(sr, c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = h.nodeInto(sr, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && eq(fr, rootM) && eq(sr, rootN);
}

/**
 * The compact in-memory tree: every complete subtree node, appended leaf by leaf
 * (the same layout the database stores). Used by tests, the audit and benches.
 */
export class MemoryTree {
  readonly levels: Buffer[][] = [[]];
  constructor(readonly h: Hasher) {}
  get size(): number {
    return this.levels[0]!.length;
  }
  readonly read: NodeReader = (level, index) => {
    const v = this.levels[level]?.[index];
    if (!v) throw new Error(`missing node ${level}:${index}`);
    return v;
  };
  /** Appends a leaf hash; returns the new nodes as [level, index, hash]. */
  append(leafHash: Buffer): Array<[number, number, Buffer]> {
    const created: Array<[number, number, Buffer]> = [];
    let level = 0;
    let index = this.levels[0]!.length;
    let hash = leafHash;
    for (;;) {
      (this.levels[level] ??= [])[index] = hash;
      created.push([level, index, hash]);
      if (!odd(index)) break;
      hash = this.h.node(this.levels[level]![index - 1]!, hash);
      level += 1;
      index = half(index);
    }
    return created;
  }
  root(n = this.size): Buffer {
    return rootAt(this.h, this.read, n);
  }
}

/**
 * Appends leaves to a tree known only by its right edge (the perfect subtrees covering
 * [0, size)): the sequencer's batch step. Returns every node to store.
 */
export function appendToEdge(
  h: Hasher,
  size: number,
  edge: Map<string, Buffer>,
  leafHashes: Buffer[],
): Array<[number, number, Buffer]> {
  const nodes = new Map(edge);
  const created: Array<[number, number, Buffer]> = [];
  let n = size;
  for (const leaf of leafHashes) {
    let level = 0;
    let index = n;
    let hash = leaf;
    for (;;) {
      nodes.set(`${level}:${index}`, hash);
      created.push([level, index, hash]);
      if (!odd(index)) break;
      const left = nodes.get(`${level}:${index - 1}`);
      if (!left) throw new Error(`missing edge node ${level}:${index - 1}`);
      hash = h.node(left, hash);
      level += 1;
      index = half(index);
    }
    n += 1;
  }
  return created;
}

/** The perfect subtrees on the right edge of a tree of `size` leaves, as (level, index). */
export function edgeNodes(size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let level = 52; level >= 0; level--) {
    const w = 2 ** level;
    if (size - start >= w) {
      out.push([level, start / w]);
      start += w;
    }
  }
  return out;
}
