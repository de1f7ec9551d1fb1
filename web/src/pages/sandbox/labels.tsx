import { Tag } from 'antd';
import type { TFunction } from '../../i18n/I18nProvider';
import { labelsFor } from '../../i18n/labelled';
import type { DeclaredUse, OutputKind } from './api';

const COLORS: Record<string, string> = {
  succeeded: 'green',
  released: 'green',
  approved: 'blue',
  awaiting_review: 'gold',
  awaiting_second_review: 'gold',
  active: 'green',
  running: 'processing',
  queued: 'default',
  rejected: 'red',
  failed: 'red',
  stopped: 'orange',
  auto_failed: 'red',
  denied: 'red',
  frozen: 'orange',
  closing: 'orange',
  destroyed: 'default',
  checking: 'processing',
  pass: 'green',
  modified: 'gold',
  fail: 'red',
  flagged: 'orange',
  proposed: 'gold',
  suspended: 'orange',
  retired: 'default',
  returned: 'orange',
  held: 'orange',
  expired: 'default',
};

/** A status tag with its localized label (`sandbox.status.<state>`). */
export function StatusTag({ t, status }: { t: TFunction; status: string }) {
  return <Tag color={COLORS[status]}>{t(`sandbox.status.${status}`)}</Tag>;
}

/** The masking badge of a field (sandbox.md "Workspace home": masking badge per field). */
export function MaskingTag({ t, method }: { t: TFunction; method: string }) {
  return <Tag color={method === 'none' ? 'default' : 'purple'}>{t(`sandbox.masking.${method}`)}</Tag>;
}

// Labels of the server's enums (POST /egress-requests): each compiles only when the locale names every member (issue 13).
export const outputKindLabel = labelsFor<OutputKind>()('sandbox.egress.kind.');
export const declaredUseLabel = labelsFor<DeclaredUse>()('sandbox.egress.use.');
