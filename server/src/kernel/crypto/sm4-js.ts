/**
 * SM4 (GB/T 32907-2016) block encryption in plain JavaScript, for the short values sealed per
 * ledger entry: a fresh data key per entry means a fresh OpenSSL context per entry
 * (createCipheriv ≈ 5 µs) for a payload of a few blocks, while the key schedule and the blocks
 * cost ≈ 1–2 µs here (decision 0106). Same bytes as OpenSSL's sm4-cbc (sm4.test.ts).
 */
// biome-ignore format: the standard's table, 16 per row
const SBOX = [
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
  0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
  0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
  0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
  0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
  0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
  0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
  0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
  0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
];

/** T(x) = L(τ(x)) of the round function, as four tables of 256 words (one per input byte). */
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
for (let i = 0; i < 256; i++) {
  const b = SBOX[i]!;
  const l = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24); // L of b in the low byte
  T3[i] = l;
  T2[i] = rotl(l, 8);
  T1[i] = rotl(l, 16);
  T0[i] = rotl(l, 24);
}
const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];
/** CK_i: its bytes are (4i + j) × 7 mod 256 (GB/T 32907 §7.3). */
const CK = Int32Array.from({ length: 32 }, (_, i) => {
  let w = 0;
  for (let j = 0; j < 4; j++) w = (w << 8) | (((4 * i + j) * 7) & 0xff);
  return w;
});

function tauSbox(x: number): number {
  return (SBOX[x >>> 24]! << 24) | (SBOX[(x >>> 16) & 0xff]! << 16) | (SBOX[(x >>> 8) & 0xff]! << 8) | SBOX[x & 0xff]!;
}

const RK = new Int32Array(32);

/** The 32 round keys of `key` into RK (key schedule with L'(B) = B ⊕ (B <<< 13) ⊕ (B <<< 23)). */
function expandKey(key: Uint8Array): void {
  let k0 = read32(key, 0) ^ FK[0]!;
  let k1 = read32(key, 4) ^ FK[1]!;
  let k2 = read32(key, 8) ^ FK[2]!;
  let k3 = read32(key, 12) ^ FK[3]!;
  for (let i = 0; i < 32; i++) {
    const b = tauSbox(k1 ^ k2 ^ k3 ^ CK[i]!);
    const rk = k0 ^ b ^ rotl(b, 13) ^ rotl(b, 23);
    RK[i] = rk;
    k0 = k1;
    k1 = k2;
    k2 = k3;
    k3 = rk;
  }
}

const read32 = (b: Uint8Array, o: number) => (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;

function write32(b: Uint8Array, o: number, v: number) {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** Encrypts the 16 bytes at b[o..o+16) in place with round keys `rk`. */
function encryptBlock(b: Uint8Array, o: number, rk: Int32Array = RK): void {
  let x0 = read32(b, o);
  let x1 = read32(b, o + 4);
  let x2 = read32(b, o + 8);
  let x3 = read32(b, o + 12);
  for (let i = 0; i < 32; i++) {
    const a = x1 ^ x2 ^ x3 ^ rk[i]!;
    const x = x0 ^ T0[a >>> 24]! ^ T1[(a >>> 16) & 0xff]! ^ T2[(a >>> 8) & 0xff]! ^ T3[a & 0xff]!;
    x0 = x1;
    x1 = x2;
    x2 = x3;
    x3 = x;
  }
  write32(b, o, x3);
  write32(b, o + 4, x2);
  write32(b, o + 8, x1);
  write32(b, o + 12, x0);
}

/**
 * SM4-CBC with PKCS#7 padding of `plain` (bytes [0, n)) under `key` and `iv`: iv ‖ ciphertext,
 * the layout of sm4Encrypt.
 */
export function sm4CbcEncryptJs(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, n = plain.length): Buffer {
  expandKey(key);
  const pad = 16 - (n % 16);
  const out = Buffer.allocUnsafe(16 + n + pad);
  out.set(iv, 0);
  for (let i = 0; i < n; i++) out[16 + i] = plain[i]!;
  out.fill(pad, 16 + n);
  for (let o = 16; o < out.length; o += 16) {
    for (let i = 0; i < 16; i++) out[o + i]! ^= out[o - 16 + i]!;
    encryptBlock(out, o);
  }
  return out;
}

/** The round keys of `key`, for sm4BlockJs with a key used many times (the master key's data-key wraps). */
export function sm4RoundKeys(key: Uint8Array): Int32Array {
  expandKey(key);
  return Int32Array.from(RK);
}

/** SM4 of one 16-byte block (ECB, no padding) under precomputed round keys. */
export function sm4BlockJs(rk: Int32Array, block: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(16);
  out.set(block.subarray(0, 16));
  encryptBlock(out, 0, rk);
  return out;
}
