import type { TFunction } from '../../i18n/I18nProvider';
import type { CertificateStatus } from './api';

/** Label groups keyed by the server's enum values (server/src/contexts/rights/model.ts), in `rights.<group>.<value>`. */
export type LabelGroup =
  | 'certKind'
  | 'certStatus'
  | 'rightType'
  | 'regType'
  | 'subjectKind'
  | 'source'
  | 'updateCycle'
  | 'grade'
  | 'procedure'
  | 'refusalGround'
  | 'regState'
  | 'objectionState'
  | 'profile'
  | 'form'
  | 'evidenceKind';

/** A value's label; a value this page does not know yet shows as a dash rather than as a raw code. */
export function label(t: TFunction, group: LabelGroup, value: string | null | undefined): string {
  if (!value) return '-';
  const key = `rights.${group}.${value}`;
  const text = t(key);
  return text === key ? '-' : text;
}

/** For free-text fields with common values (form, evidence kind): a known value's label, else the text as entered. */
export function labelOr(t: TFunction, group: LabelGroup, value: string | null | undefined): string {
  if (!value) return '-';
  const key = `rights.${group}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

/** Tag colours for certificate statuses (valid is the only good one). */
export const STATUS_COLOR: Record<CertificateStatus, string> = {
  valid: 'green',
  expired: 'orange',
  revoked: 'red',
  cancelled: 'default',
  superseded: 'blue',
};
