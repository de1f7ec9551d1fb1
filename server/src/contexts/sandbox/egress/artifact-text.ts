import { inflateSync } from 'node:zlib';
import { readZip } from './zip.js';

/**
 * EGR-08: every embedded text and table of an artifact, each with where it was found, so that the
 * identifier scan can name the place. The bytes are attacker-controlled: parsers are bounded (depth,
 * inflated size) and a part that does not parse is skipped here (the format check has already run).
 */
export interface TextUnit {
  where: string;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e.toLowerCase()] ?? ''),
  );

/** Text nodes and attribute values of an XML document (PMML, and the parts of DOCX). */
export function xmlText(xml: string, where: string): TextUnit[] {
  const attrs = [...xml.matchAll(/\s[\w:.-]+\s*=\s*"([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
  const body = unescapeXml(
    xml
      .replace(/<\/(w:p|p|Row|row|tr|DataField|Value)>/g, '\n')
      .replace(/<[^>]*>/g, ' ')
      .replace(/[ \t]+/g, ' '),
  );
  return [
    { where, text: body },
    { where: `${where} (attributes)`, text: attrs.join('\n') },
  ];
}

/** XLSX: one unit per sheet column (a table's column is where an ID column shows), plus the shared strings. */
export function xlsxText(buf: Buffer, maxBytes: number): TextUnit[] {
  const parts = readZip(buf, (n) => /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n), maxBytes);
  const shared: string[] = [];
  const ss = parts.find((p) => p.name === 'xl/sharedStrings.xml');
  if (ss)
    for (const m of ss.data.toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g))
      shared.push(unescapeXml(m[1]!.replace(/<[^>]*>/g, '')));
  const out: TextUnit[] = [];
  for (const p of parts.filter((x) => x.name.startsWith('xl/worksheets/'))) {
    const sheet = p.name.replace(/^xl\/worksheets\/|\.xml$/g, '');
    const cols = new Map<string, string[]>();
    for (const c of p.data.toString('utf8').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = /\br="([A-Z]+)\d+"/.exec(c[1]!)?.[1] ?? '?';
      const inner = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const t = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1];
      const value = /\bt="s"/.test(c[1]!) && v !== undefined ? (shared[Number(v)] ?? '') : unescapeXml(t ?? v ?? '');
      cols.set(col, [...(cols.get(col) ?? []), value]);
    }
    for (const [col, values] of cols) out.push({ where: `${sheet}!${col}`, text: values.join('\n') });
  }
  return out;
}

/** DOCX: the body, headers, footers, footnotes and comments, and the document properties. */
export function docxText(buf: Buffer, maxBytes: number): TextUnit[] {
  const parts = readZip(buf, (n) => /^(word\/[\w-]+\.xml|docProps\/\w+\.xml)$/.test(n), maxBytes);
  return parts.flatMap((p) => xmlText(p.data.toString('utf8'), p.name));
}

/** PDF: the strings shown by text operators (Tj, TJ, ', "), in plain and Flate-compressed streams. */
export function pdfText(buf: Buffer, maxBytes: number): TextUnit[] {
  const out: TextUnit[] = [];
  const raw = buf.toString('latin1');
  let n = 0;
  for (const m of raw.matchAll(/<<([\s\S]{0,2000}?)>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    n++;
    let data = buf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1]!)) {
      try {
        data = inflateSync(data, { maxOutputLength: maxBytes });
      } catch {
        continue; // not a content stream we can read (or over the limit): the reviewer sees the file itself
      }
    }
    const text = pdfOperatorStrings(data.toString('latin1'));
    if (text) out.push({ where: `stream ${n}`, text });
  }
  // Document information (Title, Author, …) is in the file body.
  out.push({
    where: 'info',
    text: [...raw.matchAll(/\/(?:Title|Author|Subject|Keywords)\s*\(([^)]*)\)/g)].map((x) => x[1]).join('\n'),
  });
  return out;
}

function pdfOperatorStrings(content: string): string {
  const lines: string[] = [];
  for (const m of content.matchAll(
    /\[((?:\\.|[^\]\\])*)\]\s*TJ|(\((?:\\.|[^)\\])*\)|<[0-9A-Fa-f\s]*>)\s*(?:Tj|'|")/g,
  )) {
    const parts =
      m[1] !== undefined ? [...m[1].matchAll(/\((?:\\.|[^)\\])*\)|<[0-9A-Fa-f\s]*>/g)].map((x) => x[0]) : [m[2]!];
    lines.push(parts.map(pdfString).join(''));
  }
  return lines.join('\n');
}

function pdfString(tok: string): string {
  if (tok.startsWith('<')) return Buffer.from(tok.slice(1, -1).replace(/\s/g, ''), 'hex').toString('latin1');
  return tok
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t' }[e] ?? e),
    );
}

/** PNG: its text chunks (tEXt, zTXt, iTXt). Pixels are the reviewer's to look at (EGR-08 human review). */
export function pngText(buf: Buffer, maxBytes: number): TextUnit[] {
  const out: TextUnit[] = [];
  for (let at = 8; at + 12 <= buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, Math.min(buf.length, at + 8 + len));
    at += 12 + len;
    if (type === 'tEXt') out.push({ where: `${type} chunk`, text: data.toString('latin1').replace(/\0/g, '\n') });
    if (type === 'zTXt' || type === 'iTXt') {
      const key = data.indexOf(0);
      const compressed = type === 'zTXt' || data[key + 1] === 1;
      const body = data.subarray(type === 'zTXt' ? key + 2 : data.indexOf(0, data.indexOf(0, key + 3) + 1) + 1);
      try {
        const text = compressed ? inflateSync(body, { maxOutputLength: maxBytes }) : body;
        out.push({ where: `${type} chunk`, text: `${data.toString('utf8', 0, key)}\n${text.toString('utf8')}` });
      } catch {
        // an unreadable chunk carries nothing we can scan
      }
    }
  }
  return out;
}

/** JSON: every string and number with its path (numbers from the source text: 18 digits do not survive a double). */
export function jsonText(text: string): TextUnit[] {
  const units = new Map<string, string[]>();
  const add = (where: string, v: string) => units.set(where, [...(units.get(where) ?? []), v]);
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') add(path, v);
    else if (Array.isArray(v)) for (const x of v) walk(x, `${path}[]`, depth + 1);
    else if (v && typeof v === 'object') for (const [key, x] of Object.entries(v)) walk(x, `${path}.${key}`, depth + 1);
  };
  walk(JSON.parse(text), '$', 0);
  const out = [...units].map(([where, vs]) => ({ where, text: vs.join('\n') }));
  const bare = text.replace(/"(?:\\.|[^"\\])*"/g, '""'); // numbers outside strings (the strings are above)
  out.push({ where: '$ (numbers)', text: [...bare.matchAll(/-?\d{7,}/g)].map((m) => m[0]).join('\n') });
  return out;
}

/** PMML is XML: its DataDictionary values, inline tables and every attribute. */
export const pmmlText = (text: string): TextUnit[] => xmlText(text, 'PMML');
