import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { supervisionApi, useReport, useSupervisionMutation, type DeskReport } from '../api';
import { ObjectDossier } from '../components/ObjectDossier';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

type Figure = NonNullable<DeskReport['draft']>['figures'][number];
interface Change {
  value?: number | null;
  reason?: string;
}

/**
 * One report: the drafted figures with "computed vs reported" (REP-02/REP-03), the subject's signed submission
 * and the authority's acceptance or return with comments. The reviewer sees the whole dossier before deciding.
 */
export default function ReportDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useReport(id);
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const [comments, setComments] = useState('');
  const submit = useSupervisionMutation(() =>
    supervisionApi.submitReport(id, {
      sealRef: 'e-seal',
      corrections: Object.entries(changes)
        .filter(([, c]) => c.value !== undefined && c.value !== null)
        .map(([key, c]) => ({ key, reportedValue: Number(c.value), reason: c.reason })),
    }),
  );
  const review = useSupervisionMutation((outcome: 'accepted' | 'returned') =>
    supervisionApi.reviewReport(id, { outcome, comments: comments || undefined }),
  );
  if (q.error) return <QueryError error={q.error} />;
  const r = q.data;
  if (!r) return <Card loading />;
  const can = (a: string) => r.abilities.includes(a);
  const corrected = new Map(r.corrections.map((c) => [c.key, c]));
  const set = (key: string, c: Change) => setChanges({ ...changes, [key]: { ...changes[key], ...c } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {label(t, 'reportKind', r.kind)} · {r.subjectName}
            <StateTag group="reportState" state={r.state} />
            {r.late && <Tag color="red">{t('supervision.report.late')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {can('submit') && (
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(undefined)}>
                {label(t, 'reportAction', 'submit')}
              </Button>
            )}
            {can('accept') && (
              <Button type="primary" loading={review.isPending} onClick={() => review.mutate('accepted')}>
                {label(t, 'reportAction', 'accept')}
              </Button>
            )}
            {can('return') && (
              <Button danger loading={review.isPending} onClick={() => review.mutate('returned')}>
                {label(t, 'reportAction', 'return')}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={submit.error ?? review.error} style={{ marginBottom: 12 }} />
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'subject', label: t('supervision.report.subject'), children: r.subjectName },
            { key: 'period', label: t('supervision.report.period'), children: `${r.period.from} ~ ${r.period.to}` },
            {
              key: 'due',
              label: t('supervision.report.dueAt'),
              children: `${formatDateTime(r.dueAt)}${r.provisional ? t('supervision.report.provisional') : ''}`,
            },
            { key: 'sub', label: t('supervision.report.submittedAt'), children: formatDateTime(r.submittedAt) },
            {
              key: 'seal',
              label: t('supervision.report.seal'),
              // The seal reference is a machine handle (e.g. eseal:zh-operator): the page says whether it is sealed.
              children: t(r.sealRef ? 'supervision.report.sealed' : 'supervision.report.unsealed'),
            },
            { key: 'esc', label: t('supervision.report.escalatedAt'), children: formatDateTime(r.escalatedAt) },
            { key: 'narr', label: t('supervision.report.narrative'), children: r.draft?.narrative || '-', span: 2 },
            { key: 'comm', label: t('supervision.report.comments'), children: r.reviewComments ?? '-', span: 2 },
          ]}
        />
        {(can('accept') || can('return')) && (
          <Input.TextArea
            rows={2}
            style={{ marginTop: 12 }}
            placeholder={t('supervision.report.comments')}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
          />
        )}
      </Card>
      <Card title={t('supervision.report.figures')} size="small">
        <Table<Figure>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={r.draft?.figures ?? []}
          columns={[
            { title: t('supervision.report.figure'), dataIndex: 'key', render: (k: string) => label(t, 'figure', k) },
            { title: t('supervision.report.value'), dataIndex: 'value' },
            {
              title: t('supervision.report.reported'),
              render: (_: unknown, f) =>
                can('submit') ? (
                  <InputNumber
                    aria-label={`${t('supervision.report.reported')} ${label(t, 'figure', f.key)}`}
                    value={changes[f.key]?.value ?? undefined}
                    placeholder={String(f.value)}
                    onChange={(v) => set(f.key, { value: v })}
                  />
                ) : (
                  (corrected.get(f.key)?.reportedValue ?? f.value)
                ),
            },
            {
              title: t('supervision.report.reason'),
              render: (_: unknown, f) =>
                can('submit') ? (
                  <Input
                    value={changes[f.key]?.reason ?? ''}
                    onChange={(e) => set(f.key, { reason: e.target.value })}
                  />
                ) : (
                  (corrected.get(f.key)?.reason ?? '-')
                ),
            },
            { title: t('supervision.report.checkpoint'), dataIndex: 'checkpointSize' },
          ]}
        />
      </Card>
      <ObjectDossier objectType="Report" objectId={r.id} />
    </Space>
  );
}
