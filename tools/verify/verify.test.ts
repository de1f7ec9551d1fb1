import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs without types
import { hasher, verifyConsistency, verifyInclusion, verifyInput } from './bin/ledger-verify.mjs';

const V = (f: string) => JSON.parse(readFileSync(join(__dirname, 'vectors', f), 'utf8'));
const BIN = join(__dirname, 'bin/ledger-verify.mjs');
const dir = mkdtempSync(join(tmpdir(), 'lv-'));
function run(name: string, content: unknown) {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return spawnSync(process.execPath, [BIN, p], { encoding: 'utf8' });
}
const flipHex = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);

describe('LED-10 offline verifier against the golden vectors', () => {
  it('accepts every RFC 6962 inclusion and consistency vector for SM3 and SHA-256', () => {
    const all = V('rfc6962.json');
    for (const set of all.sets) {
      const h = hasher(set.hash);
      for (const p of set.inclusion)
        expect(
          verifyInclusion(
            h,
            p.seq,
            p.treeSize,
            Buffer.from(p.leafHash, 'hex'),
            p.hashes.map((x: string) => Buffer.from(x, 'hex')),
            Buffer.from(p.root, 'hex'),
          ),
        ).toBe(true);
      for (const p of set.consistency)
        expect(
          verifyConsistency(
            h,
            p.from,
            p.to,
            Buffer.from(p.fromRoot, 'hex'),
            Buffer.from(p.toRoot, 'hex'),
            p.hashes.map((x: string) => Buffer.from(x, 'hex')),
          ),
        ).toBe(true);
    }
  });

  it('detects the kind of each file and exits 0 when valid', () => {
    for (const [f, kind] of [
      ['checkpoint-sm2.json', 'checkpoint'],
      ['inclusion-sm3-2-8.json', 'inclusion-proof'],
      ['consistency-sm3-3-8.json', 'consistency-proof'],
    ]) {
      expect(verifyInput(V(f!)).kind).toBe(kind);
      expect(run(f!, V(f!)).status).toBe(0);
    }
  });

  it('acceptance 3: flipping one bit of the leaf data gives exit code 1', () => {
    const v = V('inclusion-sm3-2-8.json');
    const leaf = Buffer.from(v.leafData, 'base64');
    leaf[0]! ^= 1;
    const r = run('flip.json', { ...v, leafData: leaf.toString('base64') });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗');
  });

  it('a changed proof hash, a changed checkpoint or a wrong key gives exit code 1', () => {
    const v = V('inclusion-sm3-2-8.json');
    expect(run('p.json', { ...v, hashes: [flipHex(v.hashes[0]), ...v.hashes.slice(1)] }).status).toBe(1);
    const cp = V('checkpoint-sm2.json');
    expect(run('c.json', { ...cp, checkpoint: cp.checkpoint.replace('\n8\n', '\n9\n') }).status).toBe(1);
    const otherKey = sm2.generateKeyPairHex().publicKey;
    const otherPem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${otherKey}`, 'hex').toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(run('wrongkey.json', { ...cp, publicKeyPem: otherPem }).status).toBe(1);
    const c = V('consistency-sm3-3-8.json');
    expect(run('k.json', { ...c, hashes: c.hashes.slice(1) }).status).toBe(1);
    expect(run('k2.json', { ...c, toRoot: flipHex(c.toRoot) }).status).toBe(1);
  });

  it('malformed input exits 2 with a message, never a stack trace', () => {
    for (const bad of [
      '{not json',
      { seq: 'x', treeSize: 8, hashes: [] },
      { hello: 1 },
      { seq: 1, treeSize: 8, leafHash: 'zz', hashes: [], root: 'aa' },
      'just text',
    ]) {
      const r = run('bad.json', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/malformed/);
      expect(r.stderr).not.toMatch(/at .*\.mjs:\d+/);
    }
  });
});
