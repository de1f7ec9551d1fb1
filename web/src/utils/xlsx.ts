/** One exported column: header text and how to read a cell from a row. */
export interface ExportColumn<R> {
  header: string;
  value: (row: R) => string | number | boolean | Date | null | undefined;
  width?: number;
}

/** Builds an .xlsx workbook in the browser (exceljs is loaded on demand, it is large). */
export async function buildXlsx<R>(sheetName: string, columns: ExportColumn<R>[], rows: R[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shuyun';
  wb.created = new Date();
  // Sheet names: max 31 chars, no []:*?/\ (Excel rule).
  const ws = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
  }));
  for (const r of rows) {
    const rec: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      rec[`c${i}`] = c.value(r) ?? '';
    });
    ws.addRow(rec);
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
