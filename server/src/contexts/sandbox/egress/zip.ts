import { inflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP reader for the containers EGR-08 scans (DOCX and XLSX are ZIPs of XML parts),
 * on node:zlib alone (decision 0094). The archive is attacker-controlled: every offset is bounds-
 * checked, only stored (0) and deflated (8) entries are read, and inflation stops at `maxBytes`
 * in total, whatever sizes the headers claim (a zip bomb ends as an error, not as memory).
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries whose name passes `want`, inflated; throws ZipError on a malformed or oversized archive. */
export function readZip(buf: Buffer, want: (name: string) => boolean, maxBytes: number): ZipEntry[] {
  const end = findEocd(buf);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    need(buf, at, 46);
    if (buf.readUInt32LE(at) !== CENTRAL) throw new ZipError('central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    need(buf, at + 46, nameLen);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (!want(name)) continue;
    const data = entryData(buf, local, method, compressed, maxBytes - total);
    total += data.length;
    out.push({ name, data });
  }
  return out;
}

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--)
    if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('no end of central directory');
}

function entryData(buf: Buffer, local: number, method: number, compressed: number, budget: number): Buffer {
  need(buf, local, 30);
  if (buf.readUInt32LE(local) !== LOCAL) throw new ZipError('local header');
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  need(buf, start, compressed);
  const raw = buf.subarray(start, start + compressed);
  if (budget <= 0) throw new ZipError('inflated size over the limit');
  if (method === 0) {
    if (raw.length > budget) throw new ZipError('inflated size over the limit');
    return Buffer.from(raw);
  }
  if (method !== 8) throw new ZipError(`compression method ${method}`);
  try {
    return inflateRawSync(raw, { maxOutputLength: budget });
  } catch {
    throw new ZipError('inflate failed or over the limit');
  }
}

function need(buf: Buffer, at: number, n: number) {
  if (at < 0 || at + n > buf.length) throw new ZipError('truncated');
}
