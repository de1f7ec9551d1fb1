import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { label, STATE_COLOR, type LabelGroup } from '../labels';

/** A state as a coloured, labelled tag. */
export function StateTag({ group, state }: { group: LabelGroup; state: string }) {
  const t = useT();
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{label(t, group, state)}</Tag>;
}
