import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sm4CbcEncryptJs } from './sm4-js.js';
import { sm4Decrypt, sm4Encrypt, unwrapDataKey, wrapDataKey } from './sm4.js';

const openssl = (key: Uint8Array, iv: Uint8Array, plain: Uint8Array) => {
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([iv, c.update(plain), c.final()]);
};

describe('SM4 in JavaScript (decision 0106)', () => {
  it('encrypts the GB/T 32907 example block to its published ciphertext', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    // CBC under a zero IV: the first ciphertext block is the block cipher of the first plaintext block.
    const out = sm4CbcEncryptJs(k, Buffer.alloc(16), k);
    expect(out.subarray(16, 32).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('gives the bytes of OpenSSL sm4-cbc at every length up to five blocks and beyond the threshold', () => {
    for (const len of [...Array.from({ length: 81 }, (_, i) => i), 1000, 4096, 5000]) {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const plain = randomBytes(len);
      expect(sm4CbcEncryptJs(key, iv, plain).equals(openssl(key, iv, plain))).toBe(true);
    }
  });

  it('sm4Encrypt round-trips through OpenSSL decryption, text and bytes, short and long', () => {
    const key = randomBytes(16);
    for (const v of ['', '身份证 110101199003071234', 'x'.repeat(5000), randomBytes(37), randomBytes(6000)]) {
      const blob = sm4Encrypt(key, v);
      expect(sm4Decrypt(key, blob).equals(Buffer.from(v as string))).toBe(true);
      // A wrong key never yields the plaintext.
      let wrong: Buffer | undefined;
      try {
        wrong = sm4Decrypt(randomBytes(16), blob);
      } catch {
        wrong = undefined;
      }
      expect(wrong?.equals(Buffer.from(v as string)) ?? false).toBe(false);
    }
  });

  it('wraps a data key as OpenSSL sm4-ecb does one block, and unwraps it', () => {
    for (let i = 0; i < 50; i++) {
      const master = randomBytes(16);
      const dataKey = randomBytes(16);
      const ecb = createCipheriv('sm4-ecb', master, null).setAutoPadding(false);
      expect(wrapDataKey(master, dataKey).equals(ecb.update(dataKey))).toBe(true);
      expect(unwrapDataKey(master, wrapDataKey(master, dataKey)).equals(dataKey)).toBe(true);
    }
  });
});
