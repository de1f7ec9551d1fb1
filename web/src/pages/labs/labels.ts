import type { TFunction } from '../../i18n/I18nProvider';
import { allOf, labelsFor } from '../../i18n/labelled';
import type { Attestation, SealDocument, SealKind } from './api';

// Labels of the labs' values (server/src/contexts/labs/model.ts, lifecycle.ts). Enums the views declare compile only
// when the locale names every member (issue 13); states are plain strings in the views, so they are listed here.
export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'shortlisted',
  'not_selected',
  'withdrawn',
] as const;
export const LAB_STATES = [
  'shortlisted',
  'agreement_filed',
  'active',
  'rectifying',
  'partner_change_pending',
  'revoked',
  'delisted',
  'merged',
  'expired',
  'lapsed',
] as const;
export const SEAL_DOCUMENTS = allOf<SealDocument>()('application', 'commitment', 'agreement');
export const SEAL_KINDS = allOf<SealKind>()('e_seal', 'scanned');
export const COMPONENTS = allOf<Attestation['components'][number]['kind']>()('cpu', 'os', 'database');
export const PLAN_ITEMS = [
  'researchDirection',
  'researchContent',
  'focusProblems',
  'dataSupply',
  'supportBase',
  'institutionalMeasures',
  'expectedOutcomes',
  'goals',
  'keyTasks',
] as const;
export const GRADES = ['general', 'important', 'core'] as const;
export const SUPPLY_METHODS = ['api', 'extranet_file', 'db_view'] as const;

/** A value's label; one the locale does not know yet shows as a dash, never as a raw code. */
const group =
  (prefix: string) =>
  (t: TFunction, value: string | null | undefined): string => {
    if (!value) return '-';
    const key = `labs.${prefix}.${value}`;
    const text = t(key);
    return text === key ? '-' : text;
  };

export const applicationStateLabel = group('applicationState');
export const labStateLabel = group('labState');
export const agreementStateLabel = group('agreementState');
export const changeStateLabel = group('changeState');
export const guideStateLabel = group('guideState');
export const decisionLabel = group('decision');
export const changeKindLabel = group('changeKind');
export const trackLabel = group('track');
export const supplyMethodLabel = group('supplyMethod');
export const supplyModeLabel = group('supplyMode');
export const objectTypeLabel = group('objectType');
export const planItemLabel = group('planItem');
export const dutyKindLabel = group('dutyKind');
export const dutyStateLabel = group('dutyState');
export const dutyWarningLabel = group('dutyWarning');
export const evidenceTypeLabel = group('evidenceType');
export const evaluationStateLabel = group('evaluationState');
export const resultLabel = group('result');
export const misconductLabel = group('misconduct');
export const endingKindLabel = group('endingKind');
export const sealDocumentLabel = labelsFor<SealDocument>()('labs.sealDocument.');
export const sealKindLabel = labelsFor<SealKind>()('labs.sealKind.');
export const qualificationLabel = labelsFor<'domain_expert' | 'manager'>()('labs.qualification.');
export const componentLabel = labelsFor<Attestation['components'][number]['kind']>()('labs.component.');

/** Tag colours by state: orange waits on someone, blue is with the authority, green is done, red is refused. */
export const STATE_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  under_review: 'blue',
  returned: 'orange',
  shortlisted: 'cyan',
  not_selected: 'red',
  withdrawn: 'default',
  agreement_filed: 'blue',
  active: 'green',
  rectifying: 'orange',
  partner_change_pending: 'orange',
  revoked: 'red',
  delisted: 'red',
  merged: 'default',
  expired: 'default',
  lapsed: 'default',
  signed: 'blue',
  filed: 'green',
  terminated: 'red',
  superseded: 'default',
  approved: 'green',
  rejected: 'red',
  effective: 'green',
  published: 'green',
  closed: 'default',
};
