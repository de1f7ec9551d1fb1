import { deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { idNumberFor } from '../test/enterprise-data.js';
import { jsonModel, onnxModel, pmmlModel, pngImage } from '../test/artifacts.js';
import { checkArtifact, detectFormat } from './artifact.js';

const check = (kind: 'model_file' | 'report_document', fileName: string, bytes: Buffer, maxMiB = 50) =>
  checkArtifact({ kind, fileName, bytes, truncated: false, maxMiB });

async function xlsxWithIds(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['企业', '法定代表人身份证号']);
  for (let i = 1; i <= 4; i++) ws.addRow([`企业${i}`, idNumberFor(i)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function pdfWith(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await doc.save());
}

describe('EGR-08 artifact format allow-list (magic bytes, not the name)', () => {
  it('recognizes each allowed format from its bytes', async () => {
    const max = 50 * 1024 * 1024;
    expect(detectFormat(onnxModel(), max)).toBe('onnx');
    expect(detectFormat(jsonModel(), max)).toBe('json');
    expect(detectFormat(pmmlModel(), max)).toBe('pmml');
    expect(detectFormat(pngImage(), max)).toBe('png');
    expect(detectFormat(await pdfWith('hello'), max)).toBe('pdf');
    expect(detectFormat(await xlsxWithIds(), max)).toBe('xlsx');
  });
  it('refuses a PDF renamed .onnx, naming what the bytes are', async () => {
    const r = check('model_file', 'model.onnx', await pdfWith('hello'));
    expect(r.failures).toEqual([
      { ruleId: 'EGR-08', code: 'ARTIFACT_FORMAT_NOT_ALLOWED', params: { format: 'pdf', extension: '.onnx' } },
    ]);
  });
  it('refuses a format outside the kind (a JSON model sent as a report document) and an unknown binary', () => {
    expect(check('report_document', 'r.json', jsonModel()).failures[0]!.code).toBe('ARTIFACT_FORMAT_NOT_ALLOWED');
    expect(check('model_file', 'm.onnx', Buffer.from('MZ\x90\x00 not a model')).failures[0]!.code).toBe(
      'ARTIFACT_FORMAT_NOT_ALLOWED',
    );
  });
  it('refuses an artifact over egress.maxArtifactMiB', () => {
    const r = check('model_file', 'm.json', jsonModel(), 0.0001);
    expect(r.failures[0]).toMatchObject({ ruleId: 'EGR-08', code: 'ARTIFACT_TOO_LARGE', params: { maxMiB: 0.0001 } });
  });
  it('a zip bomb is refused, not inflated', () => {
    // One 2 MiB entry of zeros, declared as word/document.xml, against a 1 MiB inflate budget.
    const body = deflateRawSync(Buffer.alloc(2 * 1024 * 1024));
    const name = Buffer.from('word/document.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(30 + name.length + body.length, 16);
    const zip = Buffer.concat([local, name, body, central, name, eocd]);
    const r = check('report_document', 'r.docx', zip, 1);
    expect(r.failures[0]!.code).toMatch(/ARTIFACT_FORMAT_NOT_ALLOWED|ARTIFACT_UNREADABLE/);
  });
});

describe('EGR-08 identifier scan of embedded texts and tables', () => {
  it('an ONNX model with an embedded ID column is flagged for review, the finding naming the tensor', () => {
    const r = check('model_file', 'credit.onnx', onnxModel({ idColumn: 'legal_rep_id' }));
    expect(r.failures).toEqual([]);
    expect(r.autoChecks[0]).toMatchObject({ check: 'EGR-08', result: 'flagged' });
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'id_number', count: 5 })]);
    expect(r.findings[0]!.where).toContain('legal_rep_id');
  });
  it('the same model without the column passes the scan (still human review)', () => {
    const r = check('model_file', 'credit.onnx', onnxModel());
    expect(r.findings).toEqual([]);
    expect(r.autoChecks[0]).toMatchObject({ result: 'pass', detail: { format: 'onnx', humanReview: true } });
  });
  it('a JSON model names the key path of its ID column', () => {
    const r = check('model_file', 'm.json', jsonModel({ idColumn: '身份证号' }));
    expect(r.findings).toEqual([{ where: '$.lookup.身份证号[]', kind: 'id_number', count: 4 }]);
    expect(check('model_file', 'm.json', jsonModel()).findings).toEqual([]);
  });
  it('a PMML model with a mobile number in its data dictionary', () => {
    expect(check('model_file', 'm.pmml', pmmlModel({ leak: true })).findings[0]).toMatchObject({ kind: 'mobile' });
    expect(check('model_file', 'm.pmml', pmmlModel()).findings).toEqual([]);
  });
  it('an XLSX table names the sheet column that holds ID numbers', async () => {
    const r = check('report_document', 'r.xlsx', await xlsxWithIds());
    expect(r.findings).toEqual([{ where: 'sheet1!B', kind: 'id_number', count: 4 }]);
  });
  it('a DOCX paragraph and a PDF text stream are read', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun(`联系人手机 13812345678，报告正文`)] })] }],
    });
    const docx = Buffer.from(await Packer.toBuffer(doc));
    expect(check('report_document', 'r.docx', docx).findings[0]).toMatchObject({ kind: 'mobile' });
    const pdf = await pdfWith(`Legal rep ID ${idNumberFor(7)} appears here`);
    expect(check('report_document', 'r.pdf', pdf).findings[0]).toMatchObject({ kind: 'id_number', count: 1 });
    expect(check('report_document', 'r.pdf', await pdfWith('district totals only')).findings).toEqual([]);
  });
  it('a PNG text chunk is read', () => {
    expect(check('report_document', 'c.png', pngImage(`id ${idNumberFor(3)}`)).findings[0]).toMatchObject({
      where: 'tEXt chunk',
      kind: 'id_number',
    });
  });
});
