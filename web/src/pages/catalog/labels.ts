import type { TFunction } from '../../i18n/I18nProvider';
import { allOf, labelsFor } from '../../i18n/labelled';
import type {
  DataType,
  Grade,
  Material,
  OpenClass,
  OpenMode,
  RegistrationStatus,
  ResourceFormat,
  SensitiveCategory,
  ShareClass,
  UpdateFrequency,
  ValueType,
} from './api';

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

// Labels of the server's enums: each compiles only when the locale names every member (issue 13).
const grade = labelsFor<Grade>()('catalog.grade.');
export const gradeLabel = (t: TFunction, g?: string | null) => (g ? grade(t, g) : t('catalog.detail.unclassified'));
export const openLabel = labelsFor<OpenClass>()('catalog.open.');
export const shareLabel = labelsFor<ShareClass>()('catalog.share.');
export const regLabel = labelsFor<RegistrationStatus>()('catalog.reg.');
export const dataTypeLabel = labelsFor<DataType>()('catalog.dataType.');
export const valueTypeLabel = labelsFor<ValueType>()('catalog.valueType.');
export const formatLabel = labelsFor<ResourceFormat>()('catalog.format.');
export const frequencyLabel = labelsFor<UpdateFrequency>()('catalog.frequency.');
const openMode = labelsFor<OpenMode>()('catalog.openMode.');
export const openModeLabel = (t: TFunction, s: string | null) => (s ? openMode(t, s) : '-');
export const materialLabel = labelsFor<Material['kind']>()('catalog.material.');
const sensitive = labelsFor<SensitiveCategory>()('catalog.sensitive.');
export const sensitiveLabel = (t: TFunction, s: string | null | undefined) => (s ? sensitive(t, s) : '');
// Resource and registration states and detectors are plain strings in the server's views (not enums yet).
export const stateLabel = (t: TFunction, s: string) => t(`catalog.state.${s}`);
export const regStateLabel = (t: TFunction, s: string) => t(`catalog.regState.${s}`);
export const detectorLabel = (t: TFunction, s: string) => t(`catalog.detector.${s}`);

/** The server's enums as lists, for filters and forms; a member the server adds fails to compile here. */
export const GRADES = allOf<Grade>()('general', 'important', 'core');
export const OPEN_CLASSES = allOf<OpenClass>()('unconditional', 'conditional', 'not_open');
export const REG_STATUSES = allOf<RegistrationStatus>()('unregistered', 'in_progress', 'registered', 'cancelled');
export const SHARE_CLASSES = allOf<ShareClass>()('unconditional', 'conditional', 'not_shared');
export const SENSITIVE_CATEGORIES = allOf<SensitiveCategory>()(
  'biometric',
  'religion',
  'specific_identity',
  'medical_health',
  'financial_account',
  'whereabouts',
  'minor_under_14',
  'other',
);

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
