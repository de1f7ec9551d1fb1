import { Tag } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { formatDate } from '../../utils/datetime';

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

export function GradeTag({ grade }: { grade: string | null }) {
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
export const METHODS = ['sandbox_query', 'data_service', 'model_scoring', 'psi', 'other'] as const;
export const PURPOSES = ['public_governance', 'public_welfare', 'industry', 'sector'] as const;
export const OUTPUTS = ['aggregate', 'service_answer', 'model'] as const;
/** Every output kind the server knows (model.ts OUTPUT_KINDS), for labels. */
export const ALL_OUTPUTS = [
  'aggregate',
  'model',
  'service_answer',
  'aggregate_table',
  'chart',
  'report_document',
  'model_file',
  'api_template',
  'record_list',
] as const;
export const INCIDENT_TYPES = ['loss', 'leak', 'tampering', 'destruction'] as const;
