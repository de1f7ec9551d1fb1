import { isIP } from 'node:net';

/** IPv4/IPv6 CIDR matching for API-key allow-lists (KEY-01). Parsing is strict: input is user-controlled. */
function toBigInt(ip: string): { v: bigint; bits: number } | null {
  const kind = isIP(ip);
  if (kind === 4) return { v: ip.split('.').reduce((a, o) => (a << 8n) + BigInt(Number(o)), 0n), bits: 32 };
  if (kind === 6) {
    const [head, tail = ''] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    if (t.length && t[t.length - 1]!.includes('.')) return null; // v4-mapped forms are normalized by the caller
    const fill = ip.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
    const parts = [...h, ...fill, ...t];
    if (parts.length !== 8) return null;
    return { v: parts.reduce((a, p) => (a << 16n) + BigInt(parseInt(p || '0', 16)), 0n), bits: 128 };
  }
  return null;
}

export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

export function isValidCidr(cidr: string): boolean {
  const [ip, len] = cidr.split('/');
  const p = ip ? toBigInt(ip) : null;
  if (!p) return false;
  if (len === undefined) return true;
  const n = Number(len);
  return /^\d+$/.test(len) && n >= 0 && n <= p.bits;
}

export function ipInCidr(ipRaw: string, cidr: string): boolean {
  const ip = toBigInt(normalizeIp(ipRaw));
  const [base, len] = cidr.split('/');
  const b = base ? toBigInt(base) : null;
  if (!ip || !b || ip.bits !== b.bits) return false;
  const n = len === undefined ? b.bits : Number(len);
  const shift = BigInt(b.bits - n);
  return ip.v >> shift === b.v >> shift;
}
