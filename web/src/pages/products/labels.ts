import type { TFunction } from '../../i18n/I18nProvider';
import { allOf, labelsFor } from '../../i18n/labelled';
import type { ChargingUnit, CheckCode, CheckResult, DeliveryMode, ProductCategory, ProductForm } from './api';

// Labels of the server's enums: each compiles only when the locale names every member (issue 13).
export const formLabel = labelsFor<ProductForm>()('products.form.');
export const categoryLabel = labelsFor<ProductCategory>()('products.category.');
export const unitLabel = labelsFor<ChargingUnit>()('products.unit.');
export const deliveryLabel = labelsFor<DeliveryMode>()('products.delivery.');
export const checkLabel = labelsFor<CheckCode>()('products.check.');
export const checkResultLabel = labelsFor<CheckResult>()('products.checkResult.');
// Lifecycle states are plain strings in the views (products/lifecycle.ts lists them).
export const stateLabel = (t: TFunction, s: string) => t(`products.state.${s}`);
export const reviewStateLabel = (t: TFunction, s: string) => t(`products.reviewState.${s}`);
export const capStateLabel = (t: TFunction, s: string) => t(`products.capState.${s}`);
export const filingStateLabel = (t: TFunction, s: string) => t(`products.filingState.${s}`);

export const FORMS = allOf<ProductForm>()(
  'dataset',
  'data_service_api',
  'analysis_report',
  'model',
  'tool',
  'intelligent_solution',
  'verification_service',
);
export const UNITS = allOf<ChargingUnit>()('item', 'call', 'period', 'volume');
export const CATEGORIES = allOf<ProductCategory>()('public_governance_welfare', 'industry');

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  in_check: 'processing',
  rejected: 'error',
  failed: 'error',
  returned: 'warning',
  approved: 'success',
  passed: 'success',
  registered: 'cyan',
  active: 'success',
  suspended: 'warning',
  retired: 'default',
  reported: 'processing',
  in_force: 'success',
  filed: 'processing',
  effective: 'success',
  superseded: 'default',
  expired: 'default',
  withdrawn: 'default',
};

/** Integer fen shown as yuan with two decimals (money is never a float on the server). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '-';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('zh-CN')}.${String(abs % 100).padStart(2, '0')}`;
}

/** DataProduct states in lifecycle order (products/lifecycle.ts productLifecycle). */
export const PRODUCT_STATES = [
  'draft',
  'in_review',
  'rejected',
  'approved',
  'registered',
  'active',
  'suspended',
  'retired',
] as const;

/** A sample-schema field's value type in words (the catalog's value-type labels); an unknown type reads 其他. */
export function valueTypeLabel(t: TFunction, v: string): string {
  const key = `catalog.valueType.${v}`;
  const text = t(key);
  return text === key ? t('catalog.valueType.other') : text;
}
