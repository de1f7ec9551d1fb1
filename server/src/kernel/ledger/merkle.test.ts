import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendToEdge,
  consistencyProof,
  edgeNodes,
  hasherFor,
  inclusionProof,
  MemoryTree,
  rootAt,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const VECTORS = JSON.parse(readFileSync(join(__dirname, '../../../../tools/verify/vectors/rfc6962.json'), 'utf8'));
const hex = (b: Buffer[]) => b.map((x) => x.toString('hex'));

function tree(name: 'sm3' | 'sha256', n: number, seed = 0) {
  const h = hasherFor(name);
  const t = new MemoryTree(h);
  for (let i = 0; i < n; i++) t.append(h.leaf(Buffer.from(`leaf-${seed}-${i}`)));
  return t;
}

/** A naive recursive MTH straight from RFC 9162 §2.1.1, to check the compact tree against. */
function naiveRoot(h: ReturnType<typeof hasherFor>, leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return h.empty();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return h.node(naiveRoot(h, leaves.slice(0, k)), naiveRoot(h, leaves.slice(k)));
}

describe('LED-05 RFC 9162 hashing test vectors', () => {
  it('gives the RFC 6962 SHA-256 root 5dc9…4328 and the SM3 root bc48…3b38 on the 8 test leaves', () => {
    for (const [name, root] of [
      ['sha256', '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
      ['sm3', 'bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38'],
    ] as const) {
      const h = hasherFor(name);
      const t = new MemoryTree(h);
      for (const l of VECTORS.leaves) t.append(h.leaf(Buffer.from(l, 'hex')));
      expect(t.root().toString('hex')).toBe(root);
    }
  });

  it('gives the SM3 empty root 1ab2…aa2b', () => {
    expect(hasherFor('sm3').empty().toString('hex')).toBe(
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    );
    expect(
      rootAt(
        hasherFor('sm3'),
        () => {
          throw new Error('no nodes');
        },
        0,
      ).toString('hex'),
    ).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('reproduces every golden proof in tools/verify/vectors (acceptance scenario 3: seq 2 of 8 is 796e…, 0b99…, 2064…)', () => {
    for (const set of VECTORS.sets) {
      const h = hasherFor(set.hash);
      const t = new MemoryTree(h);
      for (const l of VECTORS.leaves) t.append(h.leaf(Buffer.from(l, 'hex')));
      for (const p of set.inclusion) expect(hex(inclusionProof(h, t.read, p.seq, p.treeSize))).toEqual(p.hashes);
      for (const p of set.consistency) expect(hex(consistencyProof(h, t.read, p.from, p.to))).toEqual(p.hashes);
      expect(set.roots).toEqual(Array.from({ length: 8 }, (_, i) => t.root(i + 1).toString('hex')));
    }
    const sm3 = VECTORS.sets.find((s: any) => s.hash === 'sm3');
    expect(
      sm3.inclusion.find((p: any) => p.seq === 2 && p.treeSize === 8).hashes.map((x: string) => x.slice(0, 8)),
    ).toEqual(['796e7bd7', '0b990fe0', '2064aa35']);
  });

  it('matches the naive recursive definition for every size up to 70', () => {
    const h = hasherFor('sm3');
    const leaves: Buffer[] = [];
    const t = new MemoryTree(h);
    for (let n = 1; n <= 70; n++) {
      const l = h.leaf(Buffer.from([n]));
      leaves.push(l);
      t.append(l);
      expect(t.root().equals(naiveRoot(h, leaves))).toBe(true);
    }
  });
});

describe('LED-P1 second preimage: leaf and node hashes are domain-separated', () => {
  it('root([a, b]) differs from root([leafHash(a) ‖ leafHash(b)])', () => {
    for (const name of ['sm3', 'sha256'] as const) {
      const h = hasherFor(name);
      const a = Buffer.from('a');
      const b = Buffer.from('b');
      const two = h.node(h.leaf(a), h.leaf(b));
      const one = h.leaf(Buffer.concat([h.leaf(a), h.leaf(b)]));
      expect(two.equals(one)).toBe(false);
    }
  });
});

describe('LED-09 proofs for every (m, n) with n ≤ 64', () => {
  it('inclusion and consistency proofs verify, for SM3 and SHA-256', () => {
    for (const name of ['sm3', 'sha256'] as const) {
      const t = tree(name, 64);
      const h = t.h;
      for (let n = 1; n <= 64; n++) {
        const root = t.root(n);
        for (let m = 0; m < n; m++) {
          const p = inclusionProof(h, t.read, m, n);
          expect(p.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
          expect(verifyInclusion(h, m, n, t.read(0, m), p, root)).toBe(true);
        }
        for (let m = 1; m <= n; m++) {
          expect(verifyConsistency(h, m, n, t.root(m), root, consistencyProof(h, t.read, m, n))).toBe(true);
        }
      }
    }
  });

  it('rejects out-of-range requests and wrong sizes', () => {
    const t = tree('sm3', 8);
    expect(() => inclusionProof(t.h, t.read, 8, 8)).toThrow(/range/);
    expect(() => consistencyProof(t.h, t.read, 5, 3)).toThrow(/range/);
    const p = inclusionProof(t.h, t.read, 2, 8);
    expect(verifyInclusion(t.h, 2, 3, t.read(0, 2), p, t.root(8))).toBe(false);
    expect(verifyInclusion(t.h, 2, 8, t.read(0, 2), p.slice(1), t.root(8))).toBe(false);
    expect(verifyInclusion(t.h, 8, 8, t.read(0, 2), p, t.root(8))).toBe(false);
    expect(verifyConsistency(t.h, 3, 8, t.root(3), t.root(8), [])).toBe(false);
  });

  it('a flipped bit anywhere in a proof, leaf or root fails (fast-check)', () => {
    const t = tree('sm3', 64, 7);
    const h = t.h;
    const flip = (b: Buffer, bit: number) => {
      const c = Buffer.from(b);
      c[Math.floor(bit / 8) % c.length]! ^= 1 << (bit % 8);
      return c;
    };
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), fc.nat(), fc.nat(255), (n, mi, which, bit) => {
        const m = mi % n;
        const proof = inclusionProof(h, t.read, m, n);
        const root = t.root(n);
        const leaf = t.read(0, m);
        const slot = which % (proof.length + 2);
        if (slot < proof.length) proof[slot] = flip(proof[slot]!, bit);
        const l2 = slot === proof.length ? flip(leaf, bit) : leaf;
        const r2 = slot === proof.length + 1 ? flip(root, bit) : root;
        return !verifyInclusion(h, m, n, l2, proof, r2);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), fc.nat(), fc.nat(255), (n, mi, which, bit) => {
        const m = 1 + (mi % (n - 1));
        const proof = consistencyProof(h, t.read, m, n);
        const slot = which % (proof.length + 2);
        if (slot < proof.length) proof[slot] = flip(proof[slot]!, bit);
        const rm = slot === proof.length ? flip(t.root(m), bit) : t.root(m);
        const rn = slot === proof.length + 1 ? flip(t.root(n), bit) : t.root(n);
        return !verifyConsistency(h, m, n, rm, rn, proof);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compact storage: appending from the right edge only', () => {
  it('appendToEdge from edgeNodes(size) creates exactly the nodes of the full tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 40 }), (size, extra) => {
        const full = tree('sha256', size + extra, 3);
        const edge = new Map(edgeNodes(size).map(([l, i]) => [`${l}:${i}`, full.read(l, i)]));
        const created = appendToEdge(
          full.h,
          size,
          edge,
          Array.from({ length: extra }, (_, j) => full.read(0, size + j)),
        );
        return (
          created.every(([l, i, hsh]) => full.read(l, i).equals(hsh)) &&
          rootAt(full.h, full.read, size + extra).equals(full.root())
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('acceptance 4: a rewritten history cannot prove consistency with an earlier signed head', () => {
  it('after entry 1 is rewritten and size 8 re-computed, the 3 → 8 proof fails against the original size-3 root', () => {
    const h = hasherFor('sm3');
    const honest = new MemoryTree(h);
    const forged = new MemoryTree(h);
    for (let i = 0; i < 8; i++) {
      honest.append(h.leaf(Buffer.from([i])));
      forged.append(h.leaf(Buffer.from([i === 1 ? 99 : i])));
    }
    const anchored3 = honest.root(3);
    expect(verifyConsistency(h, 3, 8, anchored3, honest.root(8), consistencyProof(h, honest.read, 3, 8))).toBe(true);
    expect(verifyConsistency(h, 3, 8, anchored3, forged.root(8), consistencyProof(h, forged.read, 3, 8))).toBe(false);
  });
});

describe('SM3 interior-node hash in JavaScript (LED-05)', () => {
  it('equals OpenSSL SM3(0x01 ‖ l ‖ r) on 2,000 random pairs, and differs when one bit flips', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const { sm3Node } = await import('../crypto/sm3-node.js');
    for (let i = 0; i < 2000; i++) {
      const l = randomBytes(32);
      const r = randomBytes(32);
      const ref = createHash('sm3')
        .update(Buffer.from([1]))
        .update(l)
        .update(r)
        .digest();
      expect(sm3Node(l, r).equals(ref)).toBe(true);
      r[i % 32]! ^= 1 << (i % 8);
      expect(sm3Node(l, r).equals(ref)).toBe(false);
    }
  });
});
