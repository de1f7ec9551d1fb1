import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import {
  agreementStateLabel,
  applicationStateLabel,
  changeStateLabel,
  guideStateLabel,
  labStateLabel,
  STATE_COLOR,
} from '../labels';

const LABELS = {
  application: applicationStateLabel,
  lab: labStateLabel,
  agreement: agreementStateLabel,
  change: changeStateLabel,
  guide: guideStateLabel,
};

/** A labs object's state as a coloured, labelled tag. */
export function StateTag({ of, state }: { of: keyof typeof LABELS; state: string }) {
  const t = useT();
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{LABELS[of](t, state)}</Tag>;
}
