import { Tag } from 'antd';
import type { TFunction } from '../../i18n/I18nProvider';

const COLORS: Record<string, string> = {
  proposed: 'default',
  approved: 'blue',
  executed: 'orange',
  verified: 'green',
  verification_failed: 'red',
};

/** A DestructionRecord's state in words (ledger.md Lifecycles). */
export function DestructionStateTag({ t, state }: { t: TFunction; state: string }) {
  return <Tag color={COLORS[state]}>{t(`ledger.destruction.state.${state}`)}</Tag>;
}
