import type { TFunction } from '../../../i18n/I18nProvider';

/** Integer fen as yuan (money is integer fen on the server). */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '-'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A value from the label table `rights.asset.<group>.<value>`; an unknown value shows as a dash, never raw. */
export function assetLabel(t: TFunction, group: string, value: string | null | undefined): string {
  if (!value) return '-';
  const key = `rights.asset.${group}.${value}`;
  const text = t(key);
  return text === key ? '-' : text;
}

type BlockValue = string | number | boolean | string[];

/** The label of a block field: a known key's name, else the key as the holder typed it (free-form blocks). */
export function fieldLabel(t: TFunction, key: string): string {
  const k = `rights.asset.field.${key}`;
  const text = t(k);
  return text === k ? key.replace(/_/g, ' ') : text;
}

/** A block value for reading: booleans as 是/否, lists joined, known codes (cycle, right type, grade, state) labelled. */
export function blockValue(t: TFunction, v: BlockValue): string {
  if (typeof v === 'boolean') return t(v ? 'rights.asset.yes' : 'rights.asset.no');
  if (Array.isArray(v)) return v.map((x) => blockValue(t, x)).join(t('rights.asset.sep')) || '-';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  for (const group of ['rights.updateCycle', 'rights.rightType', 'rights.grade', 'rights.asset.value']) {
    const key = `${group}.${v}`;
    const text = t(key);
    if (text !== key) return text;
  }
  return v;
}
