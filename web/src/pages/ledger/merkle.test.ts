import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  parseCheckpoint,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
  verifyPastedProof,
} from './merkle';

const V = (f: string) => JSON.parse(readFileSync(join(__dirname, '../../../../tools/verify/vectors', f), 'utf8'));

describe('LED-09 browser verifier against the shared golden vectors', () => {
  it('accepts every SM3 inclusion and consistency vector and rejects a flipped hash', () => {
    const sm3 = V('rfc6962.json').sets.find((s: { hash: string }) => s.hash === 'sm3');
    for (const p of sm3.inclusion) {
      expect(verifyInclusion(p.seq, p.treeSize, fromHex(p.leafHash), p.hashes.map(fromHex), fromHex(p.root))).toBe(
        true,
      );
    }
    for (const p of sm3.consistency)
      expect(verifyConsistency(p.from, p.to, fromHex(p.fromRoot), fromHex(p.toRoot), p.hashes.map(fromHex))).toBe(true);
    const p = sm3.inclusion.at(-1);
    const bad = [...p.hashes];
    bad[0] = `${bad[0][0] === '0' ? '1' : '0'}${bad[0].slice(1)}`;
    expect(verifyInclusion(p.seq, p.treeSize, fromHex(p.leafHash), bad.map(fromHex), fromHex(p.root))).toBe(false);
  });

  it('verifies the SM2 checkpoint signature and a pasted proof with its checkpoint', () => {
    const c = V('checkpoint-sm2.json');
    const cp = parseCheckpoint(c.checkpoint);
    expect(verifyCheckpointSignature(cp, c.keyName, c.publicKeyPem)).toBe(true);
    expect(
      verifyCheckpointSignature(parseCheckpoint(c.checkpoint.replace('\n8\n', '\n9\n')), c.keyName, c.publicKeyPem),
    ).toBe(false);
    const inc = V('inclusion-sm3-2-8.json');
    expect(verifyPastedProof(JSON.stringify(inc), null).ok).toBe(true);
    expect(verifyPastedProof(JSON.stringify({ ...inc, seq: 3 }), null).ok).toBe(false);
    expect(verifyPastedProof(JSON.stringify(V('consistency-sm3-3-8.json')), null).ok).toBe(true);
  });
});
