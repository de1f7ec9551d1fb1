import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3, sm3Hex } from './sm3.js';

describe('SM3 one-shot and HMAC-SM3 over cached pads (decision 0104)', () => {
  it('SM3 of "abc" is the GB/T 32905 test vector', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('gives the bytes of createHmac for short, block-sized and long keys, text and binary messages', () => {
    for (const len of [0, 1, 16, 32, 63, 64, 65, 200]) {
      const key = randomBytes(len);
      for (const msg of ['', 'svc-input:{"统一社会信用代码":"91440400MA4UJ0000X"}', randomBytes(300)]) {
        expect(hmacSm3(key, msg).equals(createHmac('sm3', key).update(msg).digest())).toBe(true);
        expect(hmacSm3(key, msg).equals(createHmac('sm3', key).update(msg).digest())).toBe(true); // cached pads
      }
    }
    expect(hmacSm3('pepper-文本', 'x').equals(createHmac('sm3', 'pepper-文本').update('x').digest())).toBe(true);
  });

  it('a key buffer changed in place is not served from its old pads', () => {
    const key = Buffer.alloc(32, 7);
    const before = hmacSm3(key, 'm');
    key.fill(0);
    const after = hmacSm3(key, 'm');
    expect(after.equals(before)).toBe(false);
    expect(after.equals(createHmac('sm3', key).update('m').digest())).toBe(true);
  });

  it('short messages, hashed in JavaScript (decision 0106), give the bytes of OpenSSL at every length across the block and threshold boundaries', () => {
    const key = randomBytes(32);
    for (let len = 0; len <= 260; len++) {
      const bytes = randomBytes(len);
      const text = '码'.repeat(Math.floor(len / 3)) + 'a'.repeat(len % 3); // len UTF-8 bytes, multi-byte
      for (const m of [bytes, text, bytes.toString('latin1')]) {
        expect(sm3Hex(m)).toBe(createHash('sm3').update(m).digest('hex'));
        expect(hmacSm3(key, m).equals(createHmac('sm3', key).update(m).digest())).toBe(true);
      }
    }
  });

  it('a wrong byte anywhere changes the JavaScript digest', () => {
    const m = Buffer.from('svc-subject:91440400MA4UJ0000X');
    const ref = sm3Hex(m);
    for (let i = 0; i < m.length; i++) {
      const x = Buffer.from(m);
      x[i]! ^= 1;
      expect(sm3Hex(x)).not.toBe(ref);
    }
  });
});
