import ExcelJS from 'exceljs';

/** Who a released file is marked for (EGR-10: recipient-specific watermark code). */
export interface ReleaseMark {
  watermarkCode: string;
  requestId: string;
  recipientOrgId: string;
  releasedAt: Date;
}

/** The column that carries the watermark on every row of a released table (visible marking that survives copy and paste). */
export const WATERMARK_COLUMN = '出域水印';
const BOM = '\uFEFF';
/** `2026-12-06 23:37:49` in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** One RFC 4180 cell: quoted when it holds a comma, quote or line break (shared by the checked artifact and the released CSV). */
export const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Parses the checked artifact (RFC 4180, as toCsv writes it) back into its header and rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records: string[][] = [];
  let rec: string[] = [],
    cell = '',
    quoted = false;
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rec.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      rec.push(cell);
      records.push(rec);
      rec = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || rec.length) {
    rec.push(cell);
    records.push(rec);
  }
  const [header = [], ...rows] = records;
  return { header, rows };
}

/**
 * The released CSV (EGR-10): a UTF-8 BOM so that Excel reads the Chinese text, the header on the first line,
 * and the watermark code as the last column of every row — never a comment line above the table.
 */
export function releaseCsv(header: string[], rows: string[][], mark: ReleaseMark): Buffer {
  const lines = [[...header, WATERMARK_COLUMN], ...rows.map((r) => [...r, mark.watermarkCode])].map((r) =>
    r.map(csvCell).join(','),
  );
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

// A plain decimal without a leading zero stays a number in Excel; codes such as 0012 stay text.
const NUMERIC = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/**
 * The released workbook (EGR-10): sheet 数据 starts with the header row and ends each row with the watermark
 * column; the page header and footer print the watermark; the document properties and a 说明 sheet carry it as
 * embedded metadata. It is written once at approval; its SM3 is taken of those stored bytes.
 */
export async function releaseXlsx(header: string[], rows: string[][], mark: ReleaseMark): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '数运平台';
  wb.lastModifiedBy = '数运平台';
  wb.created = mark.releasedAt;
  wb.modified = mark.releasedAt;
  wb.title = `数运出域文件 ${mark.requestId}`;
  wb.subject = `watermark=${mark.watermarkCode}`;
  wb.keywords = `watermark=${mark.watermarkCode} request=${mark.requestId} recipient=${mark.recipientOrgId}`;
  wb.description = `数运出域文件，水印编号 ${mark.watermarkCode}，仅限接收方使用`;
  const data = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.headerFooter.oddHeader = `&L数运出域文件&R水印 ${mark.watermarkCode}`;
  data.headerFooter.oddFooter = `&L${mark.watermarkCode}&R&P / &N`;
  data.addRow([...header, WATERMARK_COLUMN]).font = { bold: true };
  for (const r of rows) data.addRow([...r.map((v) => (NUMERIC.test(v) ? Number(v) : v)), mark.watermarkCode]);
  data.columns.forEach((c, i) => {
    c.width = Math.max(12, String([...header, WATERMARK_COLUMN][i] ?? '').length * 2 + 4);
  });
  const about = wb.addWorksheet('说明');
  about.addRows([
    ['项目', '内容'],
    ['文件', '数运出域文件（经自动检查与人工审核后出域）'],
    ['水印编号', mark.watermarkCode],
    ['出域申请', mark.requestId],
    ['接收方', mark.recipientOrgId],
    ['出域时间', shanghaiTime(mark.releasedAt)],
    ['说明', '本文件每行末列为水印编号；转发或公开须经授权，水印可追溯至接收方。'],
  ]);
  about.getRow(1).font = { bold: true };
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
