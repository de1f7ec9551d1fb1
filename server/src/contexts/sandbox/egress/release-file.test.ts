import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../usecases/egress.js';
import { parseCsv, releaseCsv, releaseXlsx, WATERMARK_COLUMN } from './release-file.js';

const mark = {
  watermarkCode: 'WM-0123456789AB',
  requestId: '6f1c2a4e-0000-4000-8000-000000000001',
  recipientOrgId: '6f1c2a4e-0000-4000-8000-000000000002',
  releasedAt: new Date('2026-12-06T08:00:00Z'),
};
const header = ['所属区', '企业数', '备注'];
const rows = [
  ['香洲区', '1204', '含"引号", 与逗号'],
  ['斗门区', '0012', ''],
];

describe('EGR-10 released file formats (issue 14: the egress file opens as a table)', () => {
  it('parseCsv reads back what toCsv wrote, quotes and commas included', () => {
    expect(parseCsv(toCsv(header, rows))).toEqual({ header, rows });
  });

  it('CSV: UTF-8 BOM, the header on the first line, the watermark as the last column of every row', () => {
    const buf = releaseCsv(header, rows, mark);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text.startsWith('#')).toBe(false);
    const back = parseCsv(text);
    expect(back.header).toEqual([...header, WATERMARK_COLUMN]);
    expect(back.rows).toEqual(rows.map((r) => [...r, mark.watermarkCode]));
  });

  it('XLSX: first row is the header, numbers stay numbers, codes stay text, watermark in rows, properties, page header and 说明', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await releaseXlsx(header, rows, mark)) as never);
    const data = wb.getWorksheet('数据')!;
    expect(wb.worksheets[0]!.name).toBe('数据');
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([...header, WATERMARK_COLUMN]);
    expect(data.getRow(2).getCell(2).value).toBe(1204);
    expect(data.getRow(3).getCell(2).value).toBe('0012');
    expect(data.getRow(2).getCell(4).value).toBe(mark.watermarkCode);
    expect(data.headerFooter.oddHeader).toContain(mark.watermarkCode);
    expect(wb.keywords).toContain(`watermark=${mark.watermarkCode}`);
    const about = wb.getWorksheet('说明')!;
    expect(about.getRow(3).getCell(2).value).toBe(mark.watermarkCode);
    expect(about.getRow(6).getCell(2).value).toBe('2026-12-06 16:00:00');
  });
});
