import type { TFunction } from '../../i18n/I18nProvider';
import { labelsFor } from '../../i18n/labelled';
import type { DeliveryMode, UseCategory } from './api';

// Labels of the market's values: each enum compiles only when the locale names every member (issue 13).
export const useCategoryLabel = labelsFor<UseCategory>()('market.useCategory.');
export const deliveryModeLabel = labelsFor<DeliveryMode>()('market.delivery.');
export const outcomeLabel = labelsFor<'billable' | 'free' | 'rejected_quota' | 'rejected_expired'>()('market.outcome.');
export const sideLabel = labelsFor<'buyer' | 'operator' | 'party' | 'observer'>()('market.side.');
export const fiscalLabel = labelsFor<'treasury_non_tax' | 'public_institution_rules' | 'commercial'>()(
  'market.fiscal.',
);
export const freeBasisLabel = labelsFor<'none' | 'governance_welfare' | 'source_unit_free_right' | 'lab_research'>()(
  'market.freeBasis.',
);
// Lifecycle states and share roles are plain strings in the views (products/lifecycle.ts lists them).
export const orderStateLabel = (t: TFunction, s: string) => t(`market.orderState.${s}`);
export const contractStateLabel = (t: TFunction, s: string) => t(`market.contractState.${s}`);
export const deliveryStateLabel = (t: TFunction, s: string) => t(`market.deliveryState.${s}`);
export const billStateLabel = (t: TFunction, s: string) => t(`market.billState.${s}`);
export const roleLabel = (t: TFunction, s: string) => {
  const key = `market.role.${s}`;
  return t(key) === key ? t('market.role.other') : t(key);
};
export const unitLabel = (t: TFunction, s: string) => t(`products.unit.${s}`);
/** A quantity's counting word (2 次, 3 条), by the charging unit. */
export const countLabel = (t: TFunction, s: string) => t(`market.count.${s}`);

export const ORDER_STATES = [
  'submitted',
  'venue_review',
  'contracted',
  'delivering',
  'completed',
  'rejected',
  'cancelled',
  'disputed',
] as const;
export const CONTRACT_STATES = ['draft', 'active', 'suspended', 'ended', 'terminated'] as const;
export const BILL_STATES = ['billed', 'paid_partial', 'paid', 'distributed', 'closed', 'written_off'] as const;
export const DELIVERY_MODES = ['api_key', 'file_egress', 'sandbox_seat', 'model_service'] as const;

export const STATE_COLORS: Record<string, string> = {
  submitted: 'processing',
  venue_review: 'processing',
  contracted: 'cyan',
  delivering: 'success',
  completed: 'default',
  rejected: 'error',
  cancelled: 'default',
  disputed: 'warning',
  draft: 'default',
  active: 'success',
  suspended: 'warning',
  ended: 'default',
  terminated: 'error',
  provisioned: 'processing',
  paused: 'warning',
  revoked: 'error',
  billed: 'processing',
  paid_partial: 'warning',
  paid: 'cyan',
  distributed: 'success',
  closed: 'default',
  written_off: 'error',
};

/** Integer fen as yuan: the one money formatter of the products pages. */
export { yuan } from '../products/labels';

/** `2026-05` as 2026年5月 (zh) or 2026-05 (en): a settlement period. */
export const periodLabel = (t: TFunction, p: string) =>
  t('market.common.period', { year: p.slice(0, 4), month: String(Number(p.slice(5, 7))) });
