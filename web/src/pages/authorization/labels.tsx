import { Tag } from 'antd';
import { useT } from '../../i18n/I18nProvider';

const STATE_COLORS: Record<string, string> = {
  active: 'green', approved: 'green', filed: 'green', consent: 'green', decided: 'green', consented: 'green',
  suspended: 'orange', under_review: 'blue', submitted: 'blue', pending_plan: 'gold', requested: 'gold', pending: 'gold', expiring: 'gold', termination_pending: 'orange',
  rejected: 'red', refuse: 'red', revoked: 'red', terminated: 'red', lapsed: 'default', expired: 'default', withdrawn: 'default',
};
const GRADE_COLORS: Record<string, string> = { general: 'default', important: 'orange', core: 'red' };

export function StateTag({ state }: { state: string }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`authorization.state.${state}`)}</Tag>;
}

export function GradeTag({ grade }: { grade: string | null }) {
  const t = useT();
  if (!grade) return <Tag>{t('authorization.blocked.CLASSIFICATION_MISSING')}</Tag>;
  return <Tag color={GRADE_COLORS[grade]}>{t(`authorization.grade.${grade}`)}</Tag>;
}

export const MASKINGS = ['none', 'mask', 'truncate', 'generalize', 'hmac_pseudonym', 'sm4_token', 'date_shift', 'drop'] as const;
export const METHODS = ['sandbox_query', 'data_service', 'model_scoring', 'psi', 'other'] as const;
export const PURPOSES = ['public_governance', 'public_welfare', 'industry', 'sector'] as const;
export const OUTPUTS = ['aggregate', 'service_answer', 'model'] as const;
