import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { label as supervisionLabel, STATE_COLOR } from '../../supervision/labels';
import { labsApi, useLabMutation, useUsageReports, type Duty, type UsageReport } from '../api';

type Figure = NonNullable<UsageReport['draft']>['figures'][number];
type Row = { duty: Duty; reportId: string | null; report?: UsageReport };

/**
 * LAB-17 quarterly usage reports: one row per started quarter with its supervision Report (scheduled by the labs
 * clock, drafted by the platform from the lab's own workspaces, jobs and incidents once the quarter is over). The
 * partner files it to the initiator with its e-seal, correcting a figure only with a reason (REP-03); the
 * initiator and the authority read it here and on the report's own page. The button follows the Report's abilities.
 */
export function UsageReports({ duties }: { duties: Duty[] }) {
  const t = useT();
  const quarters = duties.filter((d) => d.kind === 'usage_reports');
  const ids = quarters.flatMap((d) => d.evidence.filter((e) => e.type === 'Report').map((e) => e.id));
  const reports = useUsageReports(ids);
  const [filing, setFiling] = useState<UsageReport | null>(null);
  const rows: Row[] = quarters.map((duty) => {
    const reportId = duty.evidence.find((e) => e.type === 'Report')?.id ?? null;
    return { duty, reportId, report: reportId ? reports.get(reportId) : undefined };
  });
  return (
    <Card size="small" title={t('labs.usage.title')}>
      <Table<Row>
        rowKey={(r) => r.duty.key}
        size="small"
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        dataSource={rows}
        locale={{ emptyText: t('labs.usage.none') }}
        columns={[
          {
            title: t('labs.usage.quarter'),
            render: (_, r) => `${formatDate(r.duty.period.from)} ~ ${formatDate(r.duty.period.to)}`,
          },
          { title: t('labs.usage.dueAt'), render: (_, r) => formatDate(r.report?.dueAt ?? r.duty.dueOn) },
          {
            title: t('labs.col.state'),
            render: (_, r) =>
              r.report ? (
                <>
                  <Tag color={STATE_COLOR[r.report.state]}>{supervisionLabel(t, 'reportState', r.report.state)}</Tag>
                  {r.report.late && <Tag color="red">{t('labs.usage.late')}</Tag>}
                </>
              ) : r.reportId ? (
                '-'
              ) : (
                <Tag>{t('labs.usage.notScheduled')}</Tag>
              ),
          },
          { title: t('labs.usage.submittedAt'), render: (_, r) => formatDateTime(r.report?.submittedAt) },
          {
            title: t('labs.usage.figures'),
            render: (_, r) =>
              r.report?.draft?.figures.length
                ? r.report.draft.figures.map((f) => (
                    <Tag key={f.key}>
                      {supervisionLabel(t, 'figure', f.key)} {reportedValue(r.report!, f)}
                    </Tag>
                  ))
                : t(r.report?.state === 'scheduled' ? 'labs.usage.awaitingDraft' : 'labs.usage.noFigures'),
          },
          {
            title: t('labs.usage.actions'),
            render: (_, r) =>
              r.report && (
                <Space size={12} wrap>
                  {r.report.abilities.includes('submit') && (
                    <Button type="primary" size="small" onClick={() => setFiling(r.report!)}>
                      {t('labs.usage.file')}
                    </Button>
                  )}
                  <Link to={`/supervision/reports/${r.report.id}`}>{t('labs.usage.open')}</Link>
                </Space>
              ),
          },
        ]}
      />
      {filing && <FileUsageReport report={filing} onClose={() => setFiling(null)} />}
    </Card>
  );
}

/** The value the lab reported: its correction when it made one, else the platform's pre-filled value. */
const reportedValue = (r: UsageReport, f: Figure) =>
  r.corrections.find((c) => c.key === f.key)?.reportedValue ?? f.value;

interface Change {
  value?: number | null;
  reason?: string;
}

/** The filing dialog: the platform's pre-filled figures, optional corrections with reasons, the e-seal. */
function FileUsageReport({ report, onClose }: { report: UsageReport; onClose: () => void }) {
  const t = useT();
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const [sealed, setSealed] = useState(false);
  const file = useLabMutation(
    () =>
      labsApi.fileUsageReport(report.id, {
        sealRef: 'e-seal',
        corrections: Object.entries(changes)
          .filter(([, c]) => c.value !== undefined && c.value !== null)
          .map(([key, c]) => ({ key, reportedValue: Number(c.value), reason: c.reason || undefined })),
      }),
    onClose,
  );
  const set = (key: string, c: Change) => setChanges({ ...changes, [key]: { ...changes[key], ...c } });
  return (
    <Modal
      open
      width={760}
      title={t('labs.usage.fileTitle')}
      okText={t('labs.usage.submit')}
      cancelText={t('labs.common.cancel')}
      okButtonProps={{ disabled: !sealed }}
      confirmLoading={file.isPending}
      onCancel={onClose}
      onOk={() => file.mutate(undefined)}
    >
      <ErrorAlert error={file.error} style={{ marginBottom: 12 }} />
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'subject', label: t('labs.usage.subject'), children: report.subjectName },
          {
            key: 'period',
            label: t('labs.usage.quarter'),
            children: `${formatDate(report.period.from)} ~ ${formatDate(report.period.to)}`,
          },
          { key: 'due', label: t('labs.usage.dueAt'), children: formatDateTime(report.dueAt) },
          { key: 'drafted', label: t('labs.usage.prefilled'), children: t('labs.usage.prefilledText') },
        ]}
      />
      <Table<Figure>
        rowKey="key"
        size="small"
        pagination={false}
        style={{ marginTop: 12 }}
        dataSource={report.draft?.figures ?? []}
        columns={[
          { title: t('labs.usage.figure'), render: (_, f) => supervisionLabel(t, 'figure', f.key) },
          { title: t('labs.usage.computed'), dataIndex: 'value' },
          {
            title: t('labs.usage.reported'),
            render: (_, f) => (
              <InputNumber
                aria-label={`${t('labs.usage.reported')} ${supervisionLabel(t, 'figure', f.key)}`}
                min={0}
                placeholder={String(f.value)}
                value={changes[f.key]?.value ?? undefined}
                onChange={(v) => set(f.key, { value: v })}
              />
            ),
          },
          {
            title: t('labs.usage.reason'),
            render: (_, f) => (
              <Input
                aria-label={`${t('labs.usage.reason')} ${supervisionLabel(t, 'figure', f.key)}`}
                value={changes[f.key]?.reason ?? ''}
                onChange={(e) => set(f.key, { reason: e.target.value })}
              />
            ),
          },
        ]}
      />
      <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('labs.usage.correctionHint')} />
      <Checkbox style={{ marginTop: 12 }} checked={sealed} onChange={(e) => setSealed(e.target.checked)}>
        {t('labs.usage.seal')}
      </Checkbox>
    </Modal>
  );
}
