import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What a pass over a CSV file yields: header, row count, ≤ sampleSize non-null values per column. */
export interface CsvSample {
  header: string[];
  rows: number;
  bytes: number;
  values: string[][];
}

const CHUNK = 4 * 1024 * 1024;
const NL = 10,
  QUOTE = 34;

/** Splits one CSV record (RFC 4180 quoting) into fields. */
export function splitRecord(line: string, delim = ','): string[] {
  if (line.indexOf('"') < 0) return line.split(delim);
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === delim) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const isNull = (v: string) => v === '' || v === 'NULL' || v === 'null' || v === 'NA' || v === '\\N';

/**
 * One streaming pass: records are found with Buffer.indexOf (native, no per-byte JS) unless
 * the chunk holds quotes, then a small state machine keeps quoted newlines inside records.
 * Every k-th record is decoded and split (systematic sample spread over the whole file, DET-01);
 * the rest are only counted. k comes from the first chunk's average record length.
 */
export function sampleCsv(path: string, sampleSize: number): CsvSample {
  const fd = openSync(path, 'r');
  try {
    const bytes = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer | null = null;
    let header: string[] | null = null;
    let delim = ',';
    let values: string[][] = [];
    let rows = 0,
      step = 1,
      counter = 0,
      inQuote = false;
    let full = 0; // columns that already hold sampleSize values
    const take = (rec: Buffer) => {
      let line = rec.toString('utf8');
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (!header) {
        if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
        delim = line.includes(',') || !line.includes('\t') ? ',' : '\t';
        header = splitRecord(line, delim).map((h) => h.trim());
        values = header.map(() => []);
        return;
      }
      rows++;
      if (counter++ % step !== 0 || full === header.length) return;
      const f = splitRecord(line, delim);
      for (let c = 0; c < header.length; c++) {
        const v = (f[c] ?? '').trim();
        const col = values[c]!;
        if (isNull(v) || col.length >= sampleSize) continue;
        col.push(v);
        if (col.length === sampleSize) full++;
      }
    };
    let first = true;
    for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0; ) {
      let data: Buffer = buf.subarray(0, n);
      if (carry) {
        data = Buffer.concat([carry, data]);
        carry = null;
      }
      let start = 0;
      if (first) {
        first = false;
        let lines = 0;
        for (let i = -1; (i = data.indexOf(NL, i + 1)) >= 0; ) lines++;
        const avg = data.length / Math.max(1, lines);
        step = Math.max(1, Math.floor(bytes / avg / (sampleSize * 1.5)));
      }
      const quoted = inQuote || data.indexOf(QUOTE) >= 0;
      if (!quoted) {
        for (let i; (i = data.indexOf(NL, start)) >= 0; start = i + 1) take(data.subarray(start, i));
      } else {
        for (let i = 0; i < data.length; i++) {
          const c = data[i]!;
          if (c === QUOTE) inQuote = !inQuote;
          else if (c === NL && !inQuote) {
            take(data.subarray(start, i));
            start = i + 1;
          }
        }
      }
      if (start < data.length) carry = Buffer.from(data.subarray(start));
    }
    if (carry && carry.length) take(carry);
    return { header: header ?? [], rows, bytes, values };
  } finally {
    closeSync(fd);
  }
}
