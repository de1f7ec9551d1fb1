import { sm2, sm3 } from 'sm-crypto-v2';

/**
 * Browser-side RFC 9162 §2.1 verification (LED-09/10) and C2SP checkpoint signatures
 * (LED-08), the same algorithms as tools/verify. SM3 and SM2 come from sm-crypto-v2 (works
 * in browsers); every input is pasted by a user, so parsing is defensive.
 */
export type Bytes = Uint8Array;

export const hex = (b: Bytes): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export function fromHex(s: string): Bytes {
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw new Error('not hex');
  return new Uint8Array(s.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
}
export function fromBase64(s: string): Bytes {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('not base64');
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Bytes[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const eq = (a: Bytes, b: Bytes) => a.length === b.length && a.every((x, i) => x === b[i]);

export const sm3Bytes = (d: Bytes): Bytes => fromHex(sm3(d));
export const leafHash = (d: Bytes): Bytes => sm3Bytes(concat(new Uint8Array([0]), d));
export const nodeHash = (l: Bytes, r: Bytes): Bytes => sm3Bytes(concat(new Uint8Array([1]), l, r));

const half = (x: number) => Math.floor(x / 2);
const odd = (x: number) => x % 2 === 1;
const isPow2 = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

/** RFC 9162 §2.1.3.2 */
export function verifyInclusion(index: number, size: number, leaf: Bytes, proof: Bytes[], root: Bytes): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else r = nodeHash(r, p);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && eq(r, root);
}

/** RFC 9162 §2.1.4.2 */
export function verifyConsistency(m: number, n: number, rootM: Bytes, rootN: Bytes, proof: Bytes[]): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && eq(rootM, rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else sr = nodeHash(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && eq(fr, rootM) && eq(sr, rootN);
}

export interface Checkpoint {
  body: string;
  origin: string;
  treeSize: number;
  root: Bytes;
  timeMs?: number;
  sigs: { keyName: string; keyId: Bytes; sig: Bytes }[];
}

export function parseCheckpoint(text: string): Checkpoint {
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Error('no signature block');
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || !/^\d+$/.test(lines[1]!)) throw new Error('bad checkpoint body');
  const sigs = text
    .slice(split + 2)
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(l);
      if (!m) throw new Error('bad signature line');
      const raw = fromBase64(m[2]!);
      return { keyName: m[1]!, keyId: raw.subarray(0, 4), sig: raw.subarray(4) };
    });
  const time = lines.slice(3).find((l) => /^time \d+$/.test(l));
  return {
    body,
    origin: lines[0]!,
    treeSize: Number(lines[1]),
    root: fromBase64(lines[2]!),
    timeMs: time ? Number(time.slice(5)) : undefined,
    sigs,
  };
}

const SPKI_SM2 = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
export function sm2KeyFromPem(pem: string): string {
  const der = hex(fromBase64(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')));
  if (!der.startsWith(SPKI_SM2)) throw new Error('not an SM2 public key');
  return der.slice(SPKI_SM2.length);
}

/** SM2 (standard user ID) signature over the note body by the named key (keyId not re-derived here: SHA-256 needs WebCrypto). */
export function verifyCheckpointSignature(cp: Checkpoint, keyName: string, publicKeyPem: string): boolean {
  const key = sm2KeyFromPem(publicKeyPem);
  return cp.sigs.some(
    (s) =>
      s.keyName === keyName &&
      (() => {
        try {
          return sm2.doVerifySignature(utf8(cp.body), hex(s.sig), key, {
            hash: true,
            der: true,
            userId: '1234567812345678',
          });
        } catch {
          return false;
        }
      })(),
  );
}

export type ProofCheck = { kind: 'inclusion' | 'consistency'; ok: boolean; detail: string };

/** Verifies a pasted inclusion or consistency proof (JSON as served by the API) against a checkpoint. */
export function verifyPastedProof(text: string, cp: Checkpoint | null): ProofCheck {
  const d = JSON.parse(text) as Record<string, unknown>;
  const hashes = ((d.hashes as string[] | undefined) ?? []).map(fromHex);
  if ('seq' in d && 'treeSize' in d) {
    const own = typeof d.checkpoint === 'string' ? parseCheckpoint(d.checkpoint) : cp;
    const root = typeof d.root === 'string' ? fromHex(d.root) : own?.root;
    if (!root) throw new Error('no root');
    const lh = fromHex(String(d.leafHash));
    const leafOk = typeof d.leafData === 'string' ? eq(leafHash(fromBase64(d.leafData)), lh) : true;
    const sizeOk = typeof d.root === 'string' || own?.treeSize === d.treeSize;
    return {
      kind: 'inclusion',
      ok: leafOk && sizeOk && verifyInclusion(Number(d.seq), Number(d.treeSize), lh, hashes, root),
      detail: `${d.seq} / ${d.treeSize}`,
    };
  }
  if ('from' in d && 'to' in d) {
    if (typeof d.fromRoot !== 'string') throw new Error('fromRoot needed');
    const toRoot = typeof d.toRoot === 'string' ? fromHex(d.toRoot) : cp && cp.treeSize === d.to ? cp.root : null;
    if (!toRoot) throw new Error('toRoot needed');
    return {
      kind: 'consistency',
      ok: verifyConsistency(Number(d.from), Number(d.to), fromHex(d.fromRoot), toRoot, hashes),
      detail: `${d.from} → ${d.to}`,
    };
  }
  throw new Error('unknown proof');
}
