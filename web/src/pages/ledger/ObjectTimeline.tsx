import { Alert, Empty, Spin, Timeline, Typography } from 'antd';
import { ApiError } from '../../api/request';
import { QueryError } from '../../components/ResultPage';
import { useT } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../utils/datetime';
import { roleLabel } from '../identity/labels';
import { useObjectEntries, type LedgerEntryView } from './api';
import { eventLabel, stateLabel } from './words';

/** Who acted, in words: the role the actor acted in (e.g. 审核员), or 系统 for system steps. */
function actorWords(t: ReturnType<typeof useT>, actor: Record<string, unknown>): string {
  const role = typeof actor.role === 'string' ? actor.role : null;
  // System steps (role 'system', userId 'system:<job>') and roles without a label read as 系统, never as a code.
  return role && role !== 'system' && t(`identity.role.name.${role}`) !== `identity.role.name.${role}`
    ? roleLabel(t, role)
    : t('ledger.timeline.system');
}

/** One ledger entry as a sentence: 审核员：场景申请批准（审核中 → 已批准）. */
export function entrySentence(
  t: ReturnType<typeof useT>,
  e: Pick<LedgerEntryView, 'eventType' | 'fromState' | 'toState' | 'actor'>,
  objectType?: string,
): string {
  const change =
    e.fromState || e.toState
      ? t('ledger.timeline.change', { from: stateLabel(t, e.fromState), to: stateLabel(t, e.toState) })
      : '';
  return (
    t('ledger.timeline.line', { actor: actorWords(t, e.actor ?? {}), event: eventLabel(t, e.eventType, objectType) }) +
    change
  );
}

/** An object's timeline in words (ledger.md "Object timeline", issue 14): time, who, what, from → to. */
export function ObjectTimeline({ objectType, objectId }: { objectType: string; objectId: string }) {
  const t = useT();
  const entries = useObjectEntries(objectType, objectId);
  if (entries.isPending) return <Spin />;
  if (entries.error instanceof ApiError && [403, 404].includes(entries.error.status))
    return <Alert type="info" showIcon message={t('ledger.evidence.notVisible')} />;
  if (entries.isError) return <QueryError error={entries.error} />;
  const items = entries.data.items;
  if (!items.length) return <Empty description={t('ledger.timeline.empty')} />;
  return (
    <Timeline
      items={items.map((e) => ({
        key: e.eventId,
        children: (
          <div>
            <Typography.Text type="secondary">{formatDateTime(e.occurredAt)}</Typography.Text>
            <div>{entrySentence(t, e, objectType)}</div>
          </div>
        ),
      }))}
    />
  );
}
