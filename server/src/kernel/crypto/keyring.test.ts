import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blobVersion } from './key-version.js';
import { MasterKeyRing, UnknownMasterKeyVersion } from './keyring.js';
import { sm4Encrypt, wrapDataKey } from './sm4.js';

// Issue 21 (decision 0103): every master-key blob names its version; blobs from before versions existed read as 1.
describe('master key ring', () => {
  const v1 = randomBytes(16);
  const v2 = randomBytes(16);

  it('reads blobs written before versions existed (header-free) as version 1, after a rotation too', () => {
    const dataKey = randomBytes(16);
    const oldWrap = wrapDataKey(v1, dataKey);
    const oldCbc = sm4Encrypt(v1, '110101199003071234');
    const ring = new MasterKeyRing([[1, v1]]);
    expect(ring.wrap(dataKey)).toEqual(oldWrap); // a never-rotated deployment writes the same bytes as before
    ring.add(2, v2);
    expect(blobVersion(oldWrap)).toBe(1);
    expect(ring.unwrap(oldWrap)).toEqual(dataKey);
    expect(ring.decrypt(oldCbc).toString()).toBe('110101199003071234');
  });

  it('writes under the current version with a KV header (length 4 mod 16) and re-wraps to it', () => {
    const ring = new MasterKeyRing([
      [1, v1],
      [2, v2],
    ]);
    const dataKey = randomBytes(16);
    const w = ring.wrap(dataKey);
    expect(w.length).toBe(20);
    expect(blobVersion(w)).toBe(2);
    expect(ring.unwrap(w)).toEqual(dataKey);
    const e = ring.encrypt('secret');
    expect(e.length % 16).toBe(4);
    expect(ring.decrypt(e).toString()).toBe('secret');
    expect(ring.rewrap(w, 'wrap')).toBeNull(); // already current
    const moved = ring.rewrap(wrapDataKey(v1, dataKey), 'wrap')!;
    expect(blobVersion(moved)).toBe(2);
    expect(ring.unwrap(moved)).toEqual(dataKey);
    expect(ring.decrypt(ring.rewrap(sm4Encrypt(v1, 'x'), 'encrypt')!).toString()).toBe('x');
  });

  it('refuses a blob of a version it does not hold (UNKNOWN_MASTER_KEY_VERSION), never decrypts with a wrong key', () => {
    const w = new MasterKeyRing([
      [1, v1],
      [3, randomBytes(16)],
    ]).wrap(randomBytes(16));
    expect(() => new MasterKeyRing([[1, v1]]).unwrap(w)).toThrow(UnknownMasterKeyVersion);
  });
});
