import type { TFunction } from '../../i18n/I18nProvider';
import type { Grade } from './api';

export const GRADE_COLORS: Record<string, string> = { general: 'blue', important: 'orange', core: 'red' };
export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  classified: 'processing',
  published: 'success',
  suspended: 'warning',
  retired: 'default',
  pending: 'warning',
  accepted: 'success',
  rejected: 'error',
};
export const GRADE_RANK: Record<Grade, number> = { general: 0, important: 1, core: 2 };

export const gradeLabel = (t: TFunction, g?: string | null) =>
  g ? t(`catalog.grade.${g}`) : t('catalog.detail.unclassified');
export const stateLabel = (t: TFunction, s: string) => t(`catalog.state.${s}`);
export const regLabel = (t: TFunction, s: string) => t(`catalog.reg.${s}`);
export const regStateLabel = (t: TFunction, s: string) => t(`catalog.regState.${s}`);
export const openLabel = (t: TFunction, s: string) => t(`catalog.open.${s}`);
export const detectorLabel = (t: TFunction, s: string) => t(`catalog.detector.${s}`);
export const shareLabel = (t: TFunction, s: string) => t(`catalog.share.${s}`);
export const dataTypeLabel = (t: TFunction, s: string) => t(`catalog.dataType.${s}`);
export const valueTypeLabel = (t: TFunction, s: string) => t(`catalog.valueType.${s}`);
export const frequencyLabel = (t: TFunction, s: string) => t(`catalog.frequency.${s}`);
export const openModeLabel = (t: TFunction, s: string | null) => (s ? t(`catalog.openMode.${s}`) : '-');
export const materialLabel = (t: TFunction, s: string) => t(`catalog.material.${s}`);
export const sensitiveLabel = (t: TFunction, s: string | null | undefined) => (s ? t(`catalog.sensitive.${s}`) : '');

/** DuckDB column types in words (the quality table): VARCHAR → 文本, BIGINT → 整数 … */
export function inferredTypeLabel(t: TFunction, s: string): string {
  const u = s.toUpperCase();
  if (/CHAR|TEXT|STRING/.test(u)) return t('catalog.valueType.string');
  if (/INT/.test(u)) return t('catalog.valueType.integer');
  if (/DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/.test(u)) return t('catalog.valueType.decimal');
  if (/TIMESTAMP/.test(u)) return t('catalog.valueType.datetime');
  if (/DATE/.test(u)) return t('catalog.valueType.date');
  if (/BOOL/.test(u)) return t('catalog.valueType.boolean');
  return t('catalog.valueType.other');
}

/** A ledger event of a resource or registration in words (`resource.publish` → 审核发布); unknown types keep a generic label. */
export function eventLabel(t: TFunction, type: string): string {
  const key = `catalog.event.${type.replace(/\./g, '_')}`;
  const s = t(key);
  return s === key ? t('catalog.event.other') : s;
}
