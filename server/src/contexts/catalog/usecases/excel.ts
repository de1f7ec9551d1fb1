import ExcelJS from 'exceljs';
import { recordAuditAlone } from '../../../kernel/audit.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { ResourceInput, ResourceListQuery } from '../model.js';
import { createResource, listResources } from './resources.js';

/** Labels of the CAT-08 workbook (sheets 数据资源, 数据项); the same table drives import and export. */
export const LABELS = {
  dataType: {
    结构化: 'structured',
    半结构化: 'semi_structured',
    非结构化: 'unstructured',
    空间: 'spatial',
    服务: 'service',
  },
  openMode: { 接口: 'api', 文件: 'file', 库表: 'db_table', 沙箱: 'sandbox', 模型或核验: 'model_or_verification' },
  format: {
    CSV: 'csv',
    XLSX: 'xlsx',
    JSON: 'json',
    XML: 'xml',
    SHP: 'shp',
    PDF: 'pdf',
    Parquet: 'parquet',
    其他: 'other',
  },
  updateFrequency: {
    实时: 'realtime',
    每日: 'daily',
    每周: 'weekly',
    每月: 'monthly',
    每季度: 'quarterly',
    每年: 'yearly',
    不定期: 'irregular',
    静态: 'static',
  },
  shareClass: { 无条件共享: 'unconditional', 有条件共享: 'conditional', 不予共享: 'not_shared' },
  openClass: { 无条件开放: 'unconditional', 有条件开放: 'conditional', 不予开放: 'not_open' },
  valueType: {
    字符串: 'string',
    整数: 'integer',
    小数: 'decimal',
    日期: 'date',
    日期时间: 'datetime',
    布尔: 'boolean',
    几何: 'geometry',
    二进制: 'binary',
    代码: 'code',
  },
  identifierKind: { 身份证号: 'id_number', 统一社会信用代码: 'uscc', 地理编码: 'geocode' },
} as const;

type Key = keyof typeof LABELS;
const RES_COLS: [string, string, Key | null, boolean][] = [
  ['数据资源名称', 'nameZh', null, true],
  ['摘要', 'summary', null, true],
  ['标签', 'keywords', null, false],
  ['领域', 'domain', null, true],
  ['数据类型', 'dataType', 'dataType', true],
  ['开放方式', 'openMode', 'openMode', false],
  ['格式', 'format', 'format', true],
  ['更新频率', 'updateFrequency', 'updateFrequency', true],
  ['共享属性', 'shareClass', 'shareClass', true],
  ['共享条件', 'shareConditions', null, false],
  ['共享依据', 'shareBasis', null, false],
  ['开放属性', 'openClass', 'openClass', true],
  ['开放条件', 'openConditions', null, false],
  ['开放依据', 'openBasis', null, false],
];
const FIELD_COLS: [string, string, Key | null, boolean][] = [
  ['数据资源名称', 'resource', null, true],
  ['数据项编码', 'code', null, true],
  ['数据项名称', 'nameZh', null, true],
  ['数据项类型', 'valueType', 'valueType', true],
  ['长度', 'length', null, false],
  ['标准标识', 'identifierKind', 'identifierKind', false],
  ['描述', 'description', null, false],
];

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  code: string;
}

const text = (c: ExcelJS.Cell) =>
  (c.value == null
    ? ''
    : typeof c.value === 'object' && 'richText' in c.value
      ? (c.value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('')
      : String(c.value)
  ).trim();

/** A cell as read: text, an enum's code, a number (length) or a list (keywords). */
type SheetValue = string | number | string[];

function readSheet(ws: ExcelJS.Worksheet | undefined, sheet: string, cols: typeof RES_COLS, errors: ImportError[]) {
  const out: { row: number; v: Record<string, SheetValue> }[] = [];
  if (!ws) {
    errors.push({ sheet, row: 0, column: '-', code: 'SHEET_MISSING' });
    return out;
  }
  const header = ((ws.getRow(1).values as unknown[]) ?? []).slice(1).map((x: unknown) => String(x ?? '').trim());
  for (const [label] of cols)
    if (!header.includes(label)) errors.push({ sheet, row: 1, column: label, code: 'COLUMN_MISSING' });
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v: Record<string, SheetValue> = {};
    for (const [label, key, enumKey, req] of cols) {
      const idx = header.indexOf(label);
      if (idx < 0) continue;
      const cell = row.getCell(idx + 1);
      if (cell.type === ExcelJS.ValueType.Formula) {
        errors.push({ sheet, row: n, column: label, code: 'FORMULA_FORBIDDEN' });
        continue;
      }
      const s = text(cell);
      if (!s) {
        if (req) errors.push({ sheet, row: n, column: label, code: 'REQUIRED' });
        continue;
      }
      if (enumKey) {
        const mapped = (LABELS[enumKey] as Record<string, string>)[s];
        if (!mapped) {
          errors.push({ sheet, row: n, column: label, code: 'ENUM_INVALID' });
          continue;
        }
        v[key] = mapped;
      } else
        v[key] =
          key === 'keywords'
            ? s
                .split(/[,，;；]/)
                .map((x: string) => x.trim())
                .filter(Boolean)
            : key === 'length'
              ? Number(s)
              : s;
    }
    out.push({ row: n, v });
  });
  return out;
}

/**
 * CAT-08 import: every row is validated and every error reported at once (sheet, row, column,
 * code). All-or-nothing unless `validRowsOnly`; it only ever yields drafts.
 */
export async function importCatalog(k: Kernel, actor: Actor, buf: Buffer, validRowsOnly: boolean) {
  const maxMB = k.profile.get<number>('import.maxMB'),
    maxRows = k.profile.get<number>('import.maxRows');
  if (buf.length > maxMB * 1024 * 1024) throw new AppError(413, 'IMPORT_TOO_LARGE', { maxRows, maxMB });
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS types its input as an ArrayBuffer; it reads the Node Buffer (through JSZip) as is.
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError(422, 'UPLOAD_INVALID', { reason: 'not an xlsx workbook' });
  }
  const errors: ImportError[] = [];
  const res = readSheet(wb.getWorksheet('数据资源'), '数据资源', RES_COLS, errors);
  const fields = readSheet(wb.getWorksheet('数据项'), '数据项', FIELD_COLS, errors);
  if (res.length > maxRows) throw new AppError(413, 'IMPORT_TOO_LARGE', { maxRows, maxMB });
  const bad = new Set<number>();
  const seen = new Set<SheetValue | undefined>();
  for (const r of res) {
    if (seen.has(r.v.nameZh))
      errors.push({ sheet: '数据资源', row: r.row, column: '数据资源名称', code: 'DUPLICATE_CODE' });
    seen.add(r.v.nameZh);
    if (r.v.shareClass && r.v.shareClass !== 'unconditional' && !r.v.shareBasis)
      errors.push({ sheet: '数据资源', row: r.row, column: '共享依据', code: 'LEGAL_BASIS_REQUIRED' });
  }
  for (const f of fields)
    if (f.v.resource && !seen.has(f.v.resource))
      errors.push({ sheet: '数据项', row: f.row, column: '数据资源名称', code: 'RESOURCE_UNKNOWN' });
  for (const e of errors) if (e.sheet === '数据资源') bad.add(e.row);
  const badNames = new Set(res.filter((r) => bad.has(r.row)).map((r) => r.v.nameZh));
  for (const e of errors)
    if (e.sheet === '数据项') {
      const f = fields.find((x) => x.row === e.row);
      if (f) badNames.add(f.v.resource);
    }
  if (errors.length && !validRowsOnly) {
    throw new AppError(
      422,
      'IMPORT_INVALID',
      { count: errors.length },
      { errors, errorWorkbook: (await errorWorkbook(errors)).toString('base64') },
    );
  }
  const created: string[] = [];
  for (const r of res.filter((x) => !badNames.has(x.v.nameZh))) {
    const input = {
      keywords: [],
      spatialCoverage: [],
      standardIdentifiers: [],
      ...r.v,
      fields: fields
        .filter((f) => f.v.resource === r.v.nameZh)
        .map((f) => ({ nullable: true, isKey: false, ...f.v, resource: undefined })),
    } as unknown as ResourceInput;
    created.push((await createResource(k, actor, input)).id);
  }
  return {
    created: created.length,
    ids: created,
    errors,
    errorWorkbook: errors.length ? (await errorWorkbook(errors)).toString('base64') : null,
  };
}

async function errorWorkbook(errors: ImportError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误');
  ws.addRow(['工作表', '行', '列', '错误代码']);
  for (const e of errors) ws.addRow([e.sheet, e.row, e.column, e.code]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CAT-08: cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas. */
export function escapeCell(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const labelOf = (key: Key, v: string | null) =>
  v ? (Object.entries(LABELS[key]).find(([, x]) => x === v)?.[0] ?? v) : '';

/** The workbook's media type (the export answers it; the import reads it). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Export of the visible catalog in the import layout, watermarked and audited (CAT-08). */
export async function exportCatalog(k: Kernel, actor: Actor, q: ResourceListQuery): Promise<Buffer> {
  const { rows } = await listResources(k, actor, { ...q, page: 1, pageSize: 500 });
  const wb = new ExcelJS.Workbook();
  const mark = `数运导出 ${actor.loginName ?? actor.userId} ${k.clock.now().toISOString()}`;
  wb.creator = mark;
  const ws = wb.addWorksheet('数据资源', { headerFooter: { oddHeader: mark, oddFooter: mark } });
  ws.addRow(RES_COLS.map(([l]) => l));
  for (const r of rows) {
    ws.addRow(
      RES_COLS.map(([, key, enumKey]) => {
        const v = {
          nameZh: r.name_zh,
          summary: r.summary,
          keywords: (r.keywords ?? []).join('，'),
          domain: r.domain,
          shareClass: r.share_class,
          openClass: r.open_class,
        } as Record<string, string | null>;
        return escapeCell(enumKey ? labelOf(enumKey, v[key] ?? null) : (v[key] ?? ''));
      }),
    );
  }
  wb.addWorksheet('数据项', { headerFooter: { oddHeader: mark } }).addRow(FIELD_COLS.map(([l]) => l));
  await recordAuditAlone(k.db, k.ledger, {
    action: 'catalog.export',
    actor,
    targetType: 'Catalog',
    targetId: 'export',
    result: 'success',
    jurisdictionId: null,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
