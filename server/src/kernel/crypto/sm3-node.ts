/**
 * SM3 (GB/T 32905-2016) of exactly 65 bytes, 0x01 ‖ left ‖ right: the Merkle interior-node
 * hash of RFC 9162 §2.1 (LED-05). In plain JavaScript because the hash itself is two
 * compressions (≈ 0.6 µs each here) while a call into OpenSSL costs ≈ 2.2 µs, and proof
 * verification is nothing but these calls (bench ledger.proof). Checked against OpenSSL
 * on random inputs in merkle.test.ts.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const T = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const s = j % 32;
  T[j] = s === 0 ? t : (t << s) | (t >>> (32 - s));
}
const W = new Int32Array(68);
const V = new Int32Array(8);
const BLOCKS = new Uint8Array(128);
// Fixed tail of the padded 65-byte message: 0x80 after the data, then the bit length 520.
BLOCKS[65] = 0x80;
BLOCKS[126] = 0x02;
BLOCKS[127] = 0x08;

function compress(b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + i * 4;
    W[i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  }
  for (let j = 16; j < 68; j++) {
    const w3 = W[j - 3]!;
    let x = W[j - 16]! ^ W[j - 9]! ^ ((w3 << 15) | (w3 >>> 17));
    x = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9));
    const w13 = W[j - 13]!;
    W[j] = x ^ ((w13 << 7) | (w13 >>> 25)) ^ W[j - 6]!;
  }
  let a = V[0]!,
    b1 = V[1]!,
    c = V[2]!,
    d = V[3]!,
    e = V[4]!,
    f = V[5]!,
    g = V[6]!,
    h = V[7]!;
  // Rounds 0–15 and 16–63 differ only in FF/GG; two loops keep the branch out of the rounds.
  for (let j = 0; j < 16; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const s = (a12 + e + T[j]!) | 0;
    const ss1 = (s << 7) | (s >>> 25);
    const wj = W[j]!;
    const tt1 = ((a ^ b1 ^ c) + d + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = (b1 << 9) | (b1 >>> 23);
    b1 = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  for (let j = 16; j < 64; j++) {
    const a12 = (a << 12) | (a >>> 20);
    const s = (a12 + e + T[j]!) | 0;
    const ss1 = (s << 7) | (s >>> 25);
    const wj = W[j]!;
    const tt1 = (((a & b1) | (a & c) | (b1 & c)) + d + (ss1 ^ a12) + (wj ^ W[j + 4]!)) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = (b1 << 9) | (b1 >>> 23);
    b1 = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  V[0]! ^= a;
  V[1]! ^= b1;
  V[2]! ^= c;
  V[3]! ^= d;
  V[4]! ^= e;
  V[5]! ^= f;
  V[6]! ^= g;
  V[7]! ^= h;
}

/** SM3(0x01 ‖ left ‖ right) for 32-byte left and right. */
export function sm3Node(left: Uint8Array, right: Uint8Array): Buffer {
  return sm3NodeInto(Buffer.allocUnsafe(32), left, right);
}

/**
 * sm3Node written into `out` (which may be `left` or `right`: the inputs are copied first),
 * so a proof is verified without allocating per step.
 */
export function sm3NodeInto<T extends Uint8Array>(out: T, left: Uint8Array, right: Uint8Array): T {
  BLOCKS[0] = 1;
  BLOCKS.set(left, 1);
  BLOCKS.set(right, 33);
  for (let i = 0; i < 8; i++) V[i] = IV[i]!;
  compress(BLOCKS, 0);
  compress(BLOCKS, 64);
  for (let i = 0; i < 8; i++) {
    const v = V[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 0xff;
    out[i * 4 + 2] = (v >>> 8) & 0xff;
    out[i * 4 + 3] = v & 0xff;
  }
  return out;
}
