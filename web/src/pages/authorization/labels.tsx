import { Tag } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { formatDate } from '../../utils/datetime';
import { allOf, labelsFor } from '../../i18n/labelled';
import type { DevelopmentMethod, FilingKind, OutputKind, PurposeCategory } from './api';

const STATE_COLORS: Record<string, string> = {
  active: 'green',
  approved: 'green',
  filed: 'green',
  consent: 'green',
  decided: 'green',
  consented: 'green',
  suspended: 'orange',
  under_review: 'blue',
  submitted: 'blue',
  pending_plan: 'gold',
  requested: 'gold',
  pending: 'gold',
  expiring: 'gold',
  termination_pending: 'orange',
  rejected: 'red',
  refuse: 'red',
  revoked: 'red',
  terminated: 'red',
  lapsed: 'default',
  expired: 'default',
  withdrawn: 'default',
};
const GRADE_COLORS: Record<string, string> = { general: 'default', important: 'orange', core: 'red' };

export function StateTag({ state }: { state: string }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`authorization.state.${state}`)}</Tag>;
}

/**
 * A Grant's state as the user should read it: an `active` Grant whose validFrom is still ahead is
 * 待生效 (not yet in force), never 生效 (issue 14 "States must agree with dates").
 */
export function GrantStateTag({ state, validFrom }: { state: string; validFrom?: string | null }) {
  const t = useT();
  if (state === 'active' && validFrom && formatDate(validFrom) > formatDate(new Date()))
    return <Tag color="cyan">{t('authorization.state.not_yet_effective')}</Tag>;
  return <StateTag state={state} />;
}

export function GradeTag({ grade }: { grade?: string | null }) {
  const t = useT();
  if (!grade) return <Tag>{t('authorization.blocked.CLASSIFICATION_MISSING')}</Tag>;
  return <Tag color={GRADE_COLORS[grade]}>{t(`authorization.grade.${grade}`)}</Tag>;
}

export const MASKINGS = [
  'none',
  'mask',
  'truncate',
  'generalize',
  'hmac_pseudonym',
  'sm4_token',
  'date_shift',
  'drop',
] as const;
// The server's enums (POST /scenario-applications): one it adds fails to compile here until the web lists it.
export const METHODS = allOf<DevelopmentMethod>()('sandbox_query', 'data_service', 'model_scoring', 'psi', 'other');
export const PURPOSES = allOf<PurposeCategory>()('public_governance', 'public_welfare', 'industry', 'sector');
/** The outputs an applicant proposes in the wizard: a subset of the server's output kinds. */
export const OUTPUTS = ['aggregate', 'service_answer', 'model'] as const satisfies readonly OutputKind[];
/** Every output kind the server knows (model.ts OUTPUT_KINDS), for labels. */
export const ALL_OUTPUTS = allOf<OutputKind>()(
  'aggregate',
  'model',
  'service_answer',
  'aggregate_table',
  'chart',
  'report_document',
  'model_file',
  'api_template',
  'record_list',
);
export const INCIDENT_TYPES = ['loss', 'leak', 'tampering', 'destruction'] as const;

// Labels of the server's enums: each compiles only when the locale names every member (issue 13).
export const methodLabel = labelsFor<DevelopmentMethod>()('authorization.method.');
export const purposeLabel = labelsFor<PurposeCategory>()('authorization.purpose.');
export const outputLabel = labelsFor<OutputKind>()('authorization.output.');
export const filingKindLabel = labelsFor<FilingKind>()('authorization.filings.kind.');
