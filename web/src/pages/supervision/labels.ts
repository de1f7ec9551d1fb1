import type { TFunction } from '../../i18n/I18nProvider';

/** Label groups keyed by the server's enum values (server/src/contexts/supervision/model.ts), `supervision.<group>.<value>`. */
export type LabelGroup =
  | 'incidentType'
  | 'severity'
  | 'incidentState'
  | 'incidentAction'
  | 'recipient'
  | 'reportKind'
  | 'reportState'
  | 'reportAction'
  | 'figure'
  | 'rectState'
  | 'rectAction'
  | 'measure'
  | 'basisKind'
  | 'creditKind'
  | 'creditArea'
  | 'creditState'
  | 'banScope'
  | 'banState'
  | 'grantState'
  | 'flowKind'
  | 'todoKind';

/** A value's label; a value this page does not know yet shows as a dash, never as a raw code. */
export function label(t: TFunction, group: LabelGroup, value: string | null | undefined): string {
  if (!value) return '-';
  const key = `supervision.${group}.${value}`;
  const text = t(key);
  return text === key ? '-' : text;
}

/** Select options for a label group's known values. */
export const optionsOf = (t: TFunction, group: LabelGroup, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: label(t, group, v) }));

/** Tag colours by state: red for what needs action, orange for waiting, green for done. */
export const STATE_COLOR: Record<string, string> = {
  reported: 'red',
  reopened: 'red',
  contained: 'orange',
  resolved: 'blue',
  closed: 'green',
  overdue: 'red',
  escalated: 'red',
  ordered: 'orange',
  submitted: 'blue',
  rejected: 'red',
  returned: 'orange',
  accepted: 'green',
  scheduled: 'default',
  drafted: 'default',
  active: 'red',
  published: 'orange',
  suspended: 'red',
};

export const INCIDENT_TYPES = [
  'loss',
  'leak',
  'tampering',
  'destruction',
  'unapproved_egress',
  'hidden_relationship_risk',
  'harm_risk',
  'other',
] as const;
export const SEVERITIES = ['especially_major', 'major', 'relatively_major', 'general'] as const;
export const INCIDENT_STATES = ['reported', 'contained', 'resolved', 'closed', 'reopened'] as const;
export const REPORT_STATES = ['scheduled', 'drafted', 'submitted', 'returned', 'accepted', 'overdue'] as const;
export const RECT_STATES = ['ordered', 'submitted', 'accepted', 'rejected', 'overdue', 'escalated'] as const;
export const BAN_STATES = ['active', 'expired', 'lifted'] as const;
export const CREDIT_STATES = [
  'draft',
  'determined',
  'published',
  'objection_pending',
  'revoked',
  'repaired',
  'expired',
] as const;
export const BASIS_KINDS = ['finding', 'incident', 'evaluation', 'overdue_report'] as const;
