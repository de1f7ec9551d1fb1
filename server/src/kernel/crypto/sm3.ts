import { createHash, createHmac } from 'node:crypto';

/** SM3 digest (GB/T 32905-2016) via OpenSSL in node:crypto. */
export function sm3(data: Uint8Array | string): Buffer {
  return createHash('sm3').update(data).digest();
}

export function sm3Hex(data: Uint8Array | string): string {
  return sm3(data).toString('hex');
}

/** HMAC-SM3, used for API-key secrets (KEY-02) and per-grant pseudonyms. */
export function hmacSm3(key: Uint8Array | string, data: Uint8Array | string): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export type HashName = 'sm3' | 'sha256';

export function hashWith(name: HashName, ...parts: Uint8Array[]): Buffer {
  const h = createHash(name);
  for (const p of parts) h.update(p);
  return h.digest();
}
