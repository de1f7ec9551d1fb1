import { Tag } from 'antd';
import type { TFunction } from '../../i18n/I18nProvider';
import { allOf, labelsFor, memberOf } from '../../i18n/labelled';
import type { DestructionState } from './api';

/** Every state the server declares, in lifecycle order (a new one fails to compile until it is listed). */
export const DESTRUCTION_STATES = allOf<DestructionState>()(
  'proposed',
  'approved',
  'executed',
  'verified',
  'verification_failed',
);
/** A DestructionRecord's state in words; compiles only when the locale names every state (issue 13). */
export const destructionStateLabel = labelsFor<DestructionState>()('ledger.destruction.state.');

const COLORS: Record<DestructionState, string> = {
  proposed: 'default',
  approved: 'blue',
  executed: 'orange',
  verified: 'green',
  verification_failed: 'red',
};

/** A DestructionRecord's state in words (ledger.md Lifecycles). */
export function DestructionStateTag({ t, state }: { t: TFunction; state: string }) {
  const known = memberOf(DESTRUCTION_STATES, state);
  return <Tag color={known && COLORS[known]}>{destructionStateLabel(t, state)}</Tag>;
}
