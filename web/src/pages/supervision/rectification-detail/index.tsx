import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { supervisionApi, useRectification, useSupervisionMutation, type DeskRectification } from '../api';
import { ObjectDossier } from '../components/ObjectDossier';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

type Item = DeskRectification['items'][number];

/**
 * One rectification: its items, the suspension it holds (ENF-02), the subject's evidence per item and the
 * orderer's acceptance or per-item rejection. Buttons follow the server's abilities.
 */
export default function RectificationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useRectification(id);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const submit = useSupervisionMutation((evidence: string[][]) => supervisionApi.submitRectification(id, evidence));
  const decide = useSupervisionMutation((outcome: 'accepted' | 'rejected') =>
    supervisionApi.decideRectification(id, {
      outcome,
      reasons: outcome === 'rejected' ? (q.data?.items ?? []).map((_, n) => notes[n] ?? '') : [],
    }),
  );
  if (q.error) return <QueryError error={q.error} />;
  const r = q.data;
  if (!r) return <Card loading />;
  const can = (a: string) => r.abilities.includes(a);
  const editing = can('submit') || can('reject');
  const evidence = () =>
    r.items.map((_, n) =>
      (notes[n] ?? '')
        .split(/[,\uFF0C\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {t('supervision.rect.title')} · {r.subjectName}
            <StateTag group="rectState" state={r.state} />
          </Space>
        }
        extra={
          <Space>
            {can('submit') && (
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(evidence())}>
                {label(t, 'rectAction', 'submit')}
              </Button>
            )}
            {can('accept') && (
              <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate('accepted')}>
                {label(t, 'rectAction', 'accept')}
              </Button>
            )}
            {can('reject') && (
              <Button danger loading={decide.isPending} onClick={() => decide.mutate('rejected')}>
                {label(t, 'rectAction', 'reject')}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={submit.error ?? decide.error} style={{ marginBottom: 12 }} />
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'subject', label: t('supervision.rect.subject'), children: r.subjectName },
            { key: 'orderer', label: t('supervision.rect.orderer'), children: r.ordererName },
            { key: 'measure', label: t('supervision.rect.measure'), children: label(t, 'measure', r.measure) },
            { key: 'basis', label: t('supervision.rect.basis'), children: label(t, 'basisKind', r.basis.kind) },
            { key: 'created', label: t('supervision.rect.createdAt'), children: formatDateTime(r.createdAt) },
            { key: 'deadline', label: t('supervision.rect.deadline'), children: formatDate(r.deadline) },
            {
              key: 'susp',
              label: t('supervision.rect.suspension'),
              span: 2,
              children: r.suspension ? (
                <Space direction="vertical" size={0}>
                  <span>
                    {t('supervision.rect.suspendedAgreements', {
                      a: r.suspension.agreementIds.length,
                      c: r.suspension.collaborationIds.length,
                    })}
                  </span>
                  <span>
                    {t('supervision.rect.suspensionTimes', {
                      at: formatDateTime(r.suspension.suspendedAt),
                      restored: r.suspension.restoredAt
                        ? formatDateTime(r.suspension.restoredAt)
                        : t('supervision.rect.notRestored'),
                    })}
                  </span>
                </Space>
              ) : (
                t('supervision.common.none')
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('supervision.rect.items')} size="small">
        {editing && (
          <Typography.Paragraph type="secondary">
            {can('submit') ? t('supervision.rect.evidenceHint') : t('supervision.rect.reasons')}
          </Typography.Paragraph>
        )}
        <Table<Item>
          rowKey={(_, n) => String(n)}
          size="small"
          pagination={false}
          dataSource={r.items}
          columns={[
            { title: t('supervision.rect.finding'), dataIndex: 'finding' },
            { title: t('supervision.rect.requiredAction'), dataIndex: 'requiredAction' },
            {
              title: t('supervision.rect.evidence'),
              render: (_: unknown, i) => i.evidenceFileIds.join(t('supervision.common.sep')) || '-',
            },
            { title: t('supervision.rect.rejection'), render: (_: unknown, i) => i.rejectionReason ?? '-' },
            ...(editing
              ? [
                  {
                    title: can('submit') ? t('supervision.rect.evidence') : t('supervision.rect.rejection'),
                    render: (_: unknown, __: Item, n: number) => (
                      <Input
                        aria-label={`${can('submit') ? t('supervision.rect.evidence') : t('supervision.rect.rejection')} ${n + 1}`}
                        value={notes[n] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [n]: e.target.value })}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ObjectDossier objectType="Rectification" objectId={r.id} />
    </Space>
  );
}
