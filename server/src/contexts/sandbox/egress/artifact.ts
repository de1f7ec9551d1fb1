import { extname } from 'node:path';
import { docxText, jsonText, pdfText, pmmlText, pngText, type TextUnit, xlsxText } from './artifact-text.js';
import type { AutoCheck, CheckFailure } from './checks.js';
import { identifierKind } from './identifiers.js';
import { isOnnx, onnxText } from './onnx.js';
import { readZip, ZipError } from './zip.js';

/** EGR-08's allow-list: models (ONNX, PMML, JSON) and documents (PDF, DOCX, XLSX, PNG), by output kind. */
export const ARTIFACT_FORMATS = {
  model_file: ['onnx', 'pmml', 'json'],
  report_document: ['pdf', 'docx', 'xlsx', 'png'],
} as const;
export type ArtifactKind = keyof typeof ARTIFACT_FORMATS;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[ArtifactKind][number];

// The name's extension must agree with what the bytes are (.pmml may also be sent as .xml).
const EXTENSIONS: Record<ArtifactFormat, string[]> = {
  onnx: ['.onnx'],
  pmml: ['.pmml', '.xml'],
  json: ['.json'],
  pdf: ['.pdf'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  png: ['.png'],
};

/** What the bytes are, by their magic numbers and structure, never by the name alone. */
export function detectFormat(buf: Buffer, maxBytes: number): ArtifactFormat | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return zipFormat(buf, maxBytes);
  const head = buf
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<PMML[\s>]/.test(head)) return 'pmml';
  if (/^\s*[[{]/.test(head)) {
    try {
      JSON.parse(buf.toString('utf8'));
      return 'json';
    } catch {
      return null;
    }
  }
  return isOnnx(buf) ? 'onnx' : null;
}

function zipFormat(buf: Buffer, maxBytes: number): ArtifactFormat | null {
  try {
    const has = (n: string) => readZip(buf, (x) => x === n, maxBytes).length > 0;
    if (has('word/document.xml')) return 'docx';
    if (has('xl/workbook.xml')) return 'xlsx';
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
  }
  return null;
}

/** One identifier kind found in one place of the artifact (never the values themselves). */
export interface ArtifactFinding {
  where: string;
  kind: string;
  count: number;
}

// Identifiers sit between separators; `+` stays for +86 mobiles, CJK for plates.
const TOKEN = /[0-9A-Za-z+\u4e00-\u9fa5]{7,64}/g;

/** EGR-02's checksum recognizers over every text unit; USCC counts (an artifact is never a granted record list). */
export function scanUnits(units: TextUnit[]): ArtifactFinding[] {
  const found = new Map<string, ArtifactFinding>();
  for (const u of units) {
    for (const m of u.text.matchAll(TOKEN)) {
      const kind = identifierKind(m[0], false);
      if (!kind) continue;
      const key = `${u.where}\u0000${kind}`;
      const f = found.get(key) ?? { where: u.where, kind, count: 0 };
      f.count++;
      found.set(key, f);
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count).slice(0, 50);
}

function textUnits(format: ArtifactFormat, buf: Buffer, maxBytes: number): TextUnit[] {
  switch (format) {
    case 'pdf':
      return pdfText(buf, maxBytes);
    case 'png':
      return pngText(buf, maxBytes);
    case 'docx':
      return docxText(buf, maxBytes);
    case 'xlsx':
      return xlsxText(buf, maxBytes);
    case 'json':
      return jsonText(buf.toString('utf8'));
    case 'pmml':
      return pmmlText(buf.toString('utf8'));
    case 'onnx':
      return onnxText(buf);
  }
}

export interface ArtifactCheck {
  format: ArtifactFormat | null;
  autoChecks: AutoCheck[];
  failures: CheckFailure[];
  findings: ArtifactFinding[];
}

/**
 * EGR-08, pure: the bytes are an allow-listed format of the requested kind and agree with the name,
 * within `egress.maxArtifactMiB`, and every embedded text and table is scanned. Format and size
 * fail the request; findings never pass it silently either: they are named for the reviewer, and
 * the artifact always goes to human review.
 */
export function checkArtifact(x: {
  kind: ArtifactKind;
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
  maxMiB: number;
}): ArtifactCheck {
  const maxBytes = x.maxMiB * 1024 * 1024;
  const fail = (code: string, params: Record<string, unknown>): ArtifactCheck => ({
    format: null,
    autoChecks: [{ check: 'EGR-08', result: 'fail', detail: { code, ...params } }],
    failures: [{ ruleId: 'EGR-08', code, params }],
    findings: [],
  });
  if (x.truncated || x.bytes.length > maxBytes) return fail('ARTIFACT_TOO_LARGE', { maxMiB: x.maxMiB });
  const format = detectFormat(x.bytes, maxBytes);
  const ext = extname(x.fileName).toLowerCase();
  const allowed: readonly string[] = ARTIFACT_FORMATS[x.kind];
  if (!format || !allowed.includes(format) || !EXTENSIONS[format].includes(ext))
    return fail('ARTIFACT_FORMAT_NOT_ALLOWED', { format: format ?? 'unknown', extension: ext || '—' });
  let findings: ArtifactFinding[];
  try {
    findings = scanUnits(textUnits(format, x.bytes, maxBytes));
  } catch {
    // A part that cannot be read cannot be vouched for: refused, as a broken file of this format.
    return fail('ARTIFACT_UNREADABLE', { format });
  }
  return {
    format,
    findings,
    failures: [],
    autoChecks: [
      {
        check: 'EGR-08',
        result: findings.length ? 'flagged' : 'pass',
        detail: { format, sizeBytes: x.bytes.length, findings, humanReview: true },
      },
    ],
  };
}
