import ExcelJS from 'exceljs';
import { forbidden } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { DataAssetView, type DataAssetListQuery } from '../model.js';
import * as store from '../store.js';
import { getDataAsset } from './data-assets.js';

/**
 * The asset register (rights-assets.md "DataAsset", "Accounting"): a holder's cards, their valuation
 * history and the 财会〔2023〕11号 disclosure tables. Every list is the actor's own organization's: another
 * tenant's cards never appear (a card id of another tenant answers 404 from getDataAsset).
 */

const orgOf = (actor: Actor) => {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  return actor.orgId;
};

export function listDataAssets(k: Kernel, actor: Actor, f: DataAssetListQuery) {
  return store.listDataAssets(k.db, {
    holderOrgId: orgOf(actor),
    bookStatus: f.bookStatus,
    accountingClass: f.accountingClass,
    isPublicDataAsset: f.isPublicDataAsset,
    q: f.q,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

/** Valuations the actor may see; with `dataAssetId`, one card's history (the card must be readable). */
export async function listValuations(
  k: Kernel,
  actor: Actor,
  f: { dataAssetId?: string; page: number; pageSize: number },
) {
  if (f.dataAssetId) await getDataAsset(k, actor, f.dataAssetId);
  return store.listValuations(k.db, {
    orgId: orgOf(actor),
    dataAssetId: f.dataAssetId,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

// ---------- disclosure tables (Excel) ----------

type Cost = NonNullable<DataAssetView['accounting']>['costs'][number];
interface Booked {
  mode: string;
  cls: string;
  costs: Cost[];
  destroyedAt: string | null;
}

function booked(a: store.DataAssetRow): Booked | null {
  const acc = a.accounting === null ? null : DataAssetView.shape.accounting.parse(a.accounting);
  if (!acc) return null;
  const destruction = a.destruction === null ? null : DataAssetView.shape.destruction.parse(a.destruction);
  return {
    mode: acc.acquisitionMode ?? 'other',
    cls: acc.class,
    costs: acc.costs.filter((c) => c.capitalize && !c.expensed),
    destroyedAt: destruction?.destroyedAt.slice(0, 10) ?? null,
  };
}

const COLS = {
  intangible: [
    ['purchased', '外购'],
    ['self_developed', '自行开发'],
    ['other', '其他方式取得'],
  ],
  inventory: [
    ['purchased', '外购'],
    ['self_processed', '自行加工'],
    ['other', '其他方式取得'],
  ],
} as const;

/** Amounts (fen) per acquisition column for one table row. */
type Amounts = Record<string, number>;

function rowsFor(items: Booked[], kind: 'intangible' | 'inventory', year: number) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const sum = (pick: (b: Booked, c: Cost) => boolean): Amounts => {
    const out: Amounts = {};
    for (const b of items) for (const c of b.costs) if (pick(b, c)) out[b.mode] = (out[b.mode] ?? 0) + c.amountFen;
    return out;
  };
  const live = (b: Booked, day: string) => !b.destroyedAt || b.destroyedAt > day;
  const opening = sum((b, c) => c.incurredOn < start && live(b, `${year - 1}-12-31`));
  const added = sum((_b, c) => c.incurredOn >= start && c.incurredOn <= end);
  const lapsed = sum(
    (b, c) => !!b.destroyedAt && b.destroyedAt >= start && b.destroyedAt <= end && c.incurredOn <= end,
  );
  const closing = sum((b, c) => c.incurredOn <= end && live(b, end));
  const zero: Amounts = {};
  const make = kind === 'intangible' ? '内部研发' : '采集加工';
  const addMode = (m: string): Amounts => ({ [m]: added[m] ?? 0 });
  const makeMode = kind === 'intangible' ? 'self_developed' : 'self_processed';
  const rows: Array<[string, Amounts | null]> = [
    ['一、账面原值', null],
    ['1. 期初余额', opening],
    ['2. 本期增加金额', added],
    ['  其中：购入', addMode('purchased')],
    [`        ${make}`, addMode(makeMode)],
    ['        其他', addMode('other')],
    ['3. 本期减少金额', lapsed],
    [kind === 'intangible' ? '  其中：处置' : '  其中：出售', zero],
    ['        失效且终止确认', lapsed],
    ['        其他', zero],
    ['4. 期末余额', closing],
  ];
  if (kind === 'intangible')
    rows.push(
      ['二、累计摊销', null],
      ['1. 期初余额', zero],
      ['2. 本期增加金额', zero],
      ['3. 本期减少金额', zero],
      ['4. 期末余额', zero],
      ['三、减值准备', null],
      ['1. 期初余额', zero],
      ['2. 本期增加金额', zero],
      ['3. 本期减少金额', zero],
      ['4. 期末余额', zero],
      ['四、账面价值', null],
      ['1. 期末账面价值', closing],
      ['2. 期初账面价值', opening],
    );
  else
    rows.push(
      ['二、存货跌价准备', null],
      ['1. 期初余额', zero],
      ['2. 本期计提', zero],
      ['3. 本期转回', zero],
      ['4. 本期转销', zero],
      ['5. 期末余额', zero],
      ['三、账面价值', null],
      ['1. 期末账面价值', closing],
      ['2. 期初账面价值', opening],
    );
  return rows;
}

function addSheet(
  wb: ExcelJS.Workbook,
  title: string,
  kind: 'intangible' | 'inventory',
  items: Booked[],
  year: number,
) {
  const ws = wb.addWorksheet(title);
  const cols = COLS[kind];
  ws.addRow([`${title}（${year} 年度，单位：元）`]);
  ws.addRow(['项目', ...cols.map(([, zh]) => zh), '合计']);
  ws.getRow(2).font = { bold: true };
  const yuan = (fen: number) => Math.round(fen) / 100;
  for (const [label, amounts] of rowsFor(items, kind, year)) {
    if (!amounts) {
      ws.addRow([label]).font = { bold: true };
      continue;
    }
    const values = cols.map(([m]) => amounts[m] ?? 0);
    ws.addRow([label, ...values.map(yuan), yuan(values.reduce((s, v) => s + v, 0))]);
  }
  ws.getColumn(1).width = 28;
  for (let i = 2; i <= cols.length + 2; i++) ws.getColumn(i).width = 16;
}

/**
 * The disclosure tables (rights-assets.md "Disclosure tables", our reconstruction of 财会〔2023〕11号):
 * data-resource intangibles and inventory, from the actor's organization's classified cards.
 */
export async function disclosureWorkbook(k: Kernel, actor: Actor, year: number): Promise<Buffer> {
  const cards = (await store.allDataAssetsOf(k.db, orgOf(actor))).map(booked).filter((b): b is Booked => !!b);
  const wb = new ExcelJS.Workbook();
  wb.created = k.clock.now();
  addSheet(
    wb,
    '数据资源无形资产',
    'intangible',
    cards.filter((b) => b.cls === 'intangible'),
    year,
  );
  addSheet(
    wb,
    '数据资源存货',
    'inventory',
    cards.filter((b) => b.cls === 'inventory'),
    year,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
