import { describe, expect, it } from 'vitest';
import { canonicalJson } from './jcs.js';
import { sm3Hex } from './sm3.js';
import { sm4Decrypt, sm4Encrypt } from './sm4.js';

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys, drops undefined and writes numbers in shortest form', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: 1.5e-7, e: 100 })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":1.5e-7,"e":100}',
    );
  });
  it('orders keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3, é: 4 })).toBe('{"\\r":2,"1":3,"é":4,"€":1}');
  });
  it('refuses non-finite numbers', () => expect(() => canonicalJson({ x: Infinity })).toThrow());
  it('orders keys exactly as a full sort does, small and large objects, integer-like and astral keys', () => {
    const ref = (v: unknown): string =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${ref((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v);
    const pool = ['10', '9', '0', 'a', 'B', 'ab', 'é', '€', '\u{1f600}', '\uffff', '_', 'Z', 'aa', '', '-1', '1e3'];
    for (let n = 0; n < 200; n++) {
      const o: Record<string, unknown> = {};
      const size = n % 40;
      for (let i = 0; i < size; i++)
        o[`${pool[(n * 7 + i * 5) % pool.length]}${i % 3 === 0 ? i : ''}`] = { x: i, [pool[i % pool.length]!]: n };
      expect(canonicalJson(o)).toBe(ref(o));
    }
  });
});

describe('SM3 and SM4', () => {
  it('matches the GB/T 32905 test vector "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('round-trips SM4-CBC and fails on a wrong key', () => {
    const key = Buffer.alloc(16, 7);
    const blob = sm4Encrypt(key, 'secret 身份证');
    expect(sm4Decrypt(key, blob).toString('utf8')).toBe('secret 身份证');
    let wrong: string | undefined;
    try {
      wrong = sm4Decrypt(Buffer.alloc(16, 8), blob).toString('utf8');
    } catch {
      wrong = undefined;
    }
    expect(wrong).not.toBe('secret 身份证');
  });
});

describe('pooled random bytes and data-key wrapping (ledger entries)', () => {
  it('hands out distinct slices that a later refill never changes', async () => {
    const { secureRandom } = await import('./random.js');
    const first = secureRandom(16);
    const copy = Buffer.from(first);
    const seen = new Set<string>([copy.toString('hex')]);
    for (let i = 0; i < 5000; i++) seen.add(secureRandom(16).toString('hex')); // several pool refills
    expect(seen.size).toBe(5001);
    expect(first.equals(copy)).toBe(true);
  });
  it('wraps a data key in one block and unwraps both that and the earlier iv ‖ CBC form', async () => {
    const { wrapDataKey, unwrapDataKey } = await import('./sm4.js');
    const master = Buffer.alloc(16, 3);
    const dataKey = Buffer.alloc(16, 9);
    const wrapped = wrapDataKey(master, dataKey);
    expect(wrapped.length).toBe(16);
    expect(wrapped.equals(dataKey)).toBe(false);
    expect(unwrapDataKey(master, wrapped).equals(dataKey)).toBe(true);
    expect(unwrapDataKey(master, sm4Encrypt(master, dataKey)).equals(dataKey)).toBe(true);
    expect(unwrapDataKey(Buffer.alloc(16, 4), wrapped).equals(dataKey)).toBe(false);
  });
});
