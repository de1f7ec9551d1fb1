import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { selectRequired } from '../../../utils/formRules';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { label as supervisionLabel, optionsOf, SEVERITIES } from '../../supervision/labels';
import { labsApi, useDuties, useLabMutation, useResource, type Duty, type Lab } from '../api';
import { FilePicker } from '../components/FileDigest';
import { dutyKindLabel, dutyStateLabel, dutyWarningLabel, evidenceTypeLabel } from '../labels';
import { UsageReports } from './UsageReports';

const STATE_COLOR: Record<string, string> = { ok: 'green', due: 'blue', overdue: 'red' };
const ISSUE_TYPES = ['loss', 'leak', 'tampering', 'destruction', 'unapproved_egress', 'harm_risk', 'other'] as const;

/** One piece of evidence in words: an incident's type and a report's or incident's state are labelled. */
function Evidence({ e }: { e: Duty['evidence'][number] }) {
  const t = useT();
  const [no, type] = e.type === 'Incident' ? [e.label.split(' ')[0], e.label.split(' ')[1]] : [e.label, null];
  const state =
    e.type === 'Report'
      ? supervisionLabel(t, 'reportState', e.state)
      : e.type === 'Incident'
        ? supervisionLabel(t, 'incidentState', e.state)
        : null;
  const text = [
    evidenceTypeLabel(t, e.type),
    no,
    type && supervisionLabel(t, 'incidentType', type),
    formatDate(e.on, ''),
  ]
    .filter(Boolean)
    .join(' · ');
  const href =
    e.type === 'Report'
      ? `/supervision/reports/${e.id}`
      : e.type === 'Incident'
        ? `/supervision/incidents/${e.id}`
        : null;
  return (
    <Tag>
      {href ? <Link to={href}>{text}</Link> : text}
      {state && state !== '-' ? ` · ${state}` : ''}
    </Tag>
  );
}

/** A usage line's resource by name. */
function ResourceName({ id }: { id: string }) {
  const r = useResource(id);
  return <span>{r.data?.nameZh ?? '-'}</span>;
}

type Dialog = 'training' | 'policy' | 'issue' | null;

/**
 * The lab's duties while active (LAB-14 … LAB-18): products that passed compliance review, trainings, the yearly
 * security-policy renewal, quarterly usage reports (pre-filled from the lab's jobs and egress) and issue reports;
 * each with its period, due date, count and evidence; the findings recorded for the evaluation.
 */
export function DutiesTab({ lab }: { lab: Lab }) {
  const t = useT();
  const q = useDuties(lab.id);
  const [open, setOpen] = useState<Dialog>(null);
  if (q.error) return <ErrorAlert error={q.error} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const can = (a: string) => d.abilities.includes(a);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('labs.duties.title', {
          from: formatDate(d.period?.from),
          to: formatDate(d.period?.to),
        })}
        extra={
          <Space wrap>
            {can('record_training') && (
              <Button onClick={() => setOpen('training')}>{t('labs.duties.recordTraining')}</Button>
            )}
            {can('renew_policy') && <Button onClick={() => setOpen('policy')}>{t('labs.duties.renewPolicy')}</Button>}
            {can('report_issue') && (
              <Button danger onClick={() => setOpen('issue')}>
                {t('labs.duties.reportIssue')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Duty>
          rowKey="key"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={d.duties}
          locale={{ emptyText: t('labs.duties.none') }}
          columns={[
            {
              title: t('labs.duties.kind'),
              render: (_, x) => (
                <Space size={4}>
                  {dutyKindLabel(t, x.kind)}
                  <Tag>{x.ruleId}</Tag>
                </Space>
              ),
            },
            {
              title: t('labs.duties.period'),
              render: (_, x) => `${formatDate(x.period.from)} ~ ${formatDate(x.period.to)}`,
            },
            { title: t('labs.duties.dueOn'), render: (_, x) => formatDate(x.dueOn) },
            {
              title: t('labs.duties.count'),
              render: (_, x) => t('labs.duties.countText', { actual: x.actual, expected: x.expected }),
            },
            {
              title: t('labs.col.state'),
              render: (_, x) => (
                <Space direction="vertical" size={2}>
                  <Tag color={STATE_COLOR[x.state]}>{dutyStateLabel(t, x.state)}</Tag>
                  {x.warning && <Tag color="orange">{dutyWarningLabel(t, x.warning)}</Tag>}
                </Space>
              ),
            },
            {
              title: t('labs.duties.evidence'),
              render: (_, x) =>
                x.evidence.length ? x.evidence.map((e) => <Evidence key={`${e.type}:${e.id}`} e={e} />) : '-',
            },
          ]}
        />
      </Card>
      <UsageReports duties={d.duties} />
      <Card
        size="small"
        title={t('labs.duties.prefill', {
          from: formatDate(d.usagePrefill.period.from),
          to: formatDate(d.usagePrefill.period.to),
        })}
      >
        <Table
          rowKey={(l) => `${l.dataResourceId}:${l.grantId ?? ''}`}
          size="small"
          pagination={false}
          dataSource={d.usagePrefill.lines}
          columns={[
            { title: t('labs.scope.resource'), render: (_, l) => <ResourceName id={l.dataResourceId} /> },
            {
              title: t('labs.scope.raw'),
              render: (_, l) => t(l.rawAllowed ? 'labs.scope.rawAllowed' : 'labs.scope.rawNotAllowed'),
            },
            { title: t('labs.duties.jobs'), dataIndex: 'jobs' },
            { title: t('labs.duties.egress'), dataIndex: 'egress' },
          ]}
        />
      </Card>
      <Card size="small" title={t('labs.duties.findings')}>
        <Table
          rowKey={(f) => `${f.ruleId}:${f.period.from}`}
          size="small"
          pagination={false}
          dataSource={d.findings}
          locale={{ emptyText: t('labs.duties.noFindings') }}
          columns={[
            {
              title: t('labs.duties.kind'),
              render: (_, f) => (
                <Space size={4}>
                  {dutyKindLabel(t, f.kind)}
                  <Tag>{f.ruleId}</Tag>
                </Space>
              ),
            },
            {
              title: t('labs.duties.period'),
              render: (_, f) => `${formatDate(f.period.from)} ~ ${formatDate(f.period.to)}`,
            },
            {
              title: t('labs.duties.count'),
              render: (_, f) => t('labs.duties.countText', { actual: f.actual, expected: f.expected }),
            },
            { title: t('labs.duties.recordedAt'), render: (_, f) => formatDate(f.recordedAt) },
          ]}
        />
      </Card>
      {open && <DutyDialog lab={lab} kind={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

type DutyValues = Record<string, string | number | boolean | undefined>;

/** Filing a training, a new security-policy version, or an issue report (LAB-15, LAB-16, LAB-18). */
function DutyDialog({ lab, kind, onClose }: { lab: Lab; kind: Exclude<Dialog, null>; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<DutyValues>();
  const file = useLabMutation((v: DutyValues) => {
    if (kind === 'training')
      return labsApi.recordTraining(lab.id, {
        title: String(v.title),
        heldOn: String(v.heldOn),
        hours: Number(v.hours),
        attendeeUserIds: [],
        signInSheetRef: (v.sheet as string | undefined) ?? null,
      });
    if (kind === 'policy')
      return labsApi.renewPolicy(lab.id, {
        version: String(v.version),
        approvedAt: String(v.approvedAt),
        fileId: String(v.fileId),
      });
    return labsApi.reportIssue(lab.id, {
      type: v.type as (typeof ISSUE_TYPES)[number],
      severity: v.severity as (typeof SEVERITIES)[number],
      discoveredAt: new Date(String(v.discoveredAt)).toISOString(),
      description: String(v.description),
      personalData: !!v.personalData,
    });
  }, onClose);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  const titles = {
    training: t('labs.duties.recordTraining'),
    policy: t('labs.duties.renewPolicy'),
    issue: t('labs.duties.reportIssue'),
  };
  return (
    <Modal
      open
      title={titles[kind]}
      okText={t('labs.common.confirm')}
      cancelText={t('labs.common.cancel')}
      confirmLoading={file.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={file.error} />
      <Form<DutyValues> form={form} layout="vertical" onFinish={(v) => file.mutate(v)}>
        {kind === 'training' && (
          <>
            <Form.Item name="title" label={t('labs.duties.trainingTitle')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="heldOn" label={t('labs.duties.heldOn')} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="hours" label={t('labs.duties.hours')} rules={required}>
              <InputNumber min={0.5} max={100} step={0.5} />
            </Form.Item>
            <Form.Item name="sheet" label={t('labs.duties.signInSheet')}>
              <FilePicker label={t('labs.duties.signInSheet')} />
            </Form.Item>
          </>
        )}
        {kind === 'policy' && (
          <>
            <Form.Item name="version" label={t('labs.duties.policyVersion')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="approvedAt" label={t('labs.duties.approvedAt')} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="fileId" label={t('labs.duties.policyFile')} rules={required}>
              <FilePicker label={t('labs.duties.policyFile')} />
            </Form.Item>
          </>
        )}
        {kind === 'issue' && (
          <>
            <Alert type="warning" showIcon message={t('labs.duties.issueHint')} style={{ marginBottom: 12 }} />
            <Form.Item name="type" label={t('labs.duties.issueType')} rules={chosen}>
              <Select options={optionsOf(t, 'incidentType', ISSUE_TYPES)} />
            </Form.Item>
            <Form.Item name="severity" label={t('labs.duties.severity')} rules={chosen}>
              <Select options={optionsOf(t, 'severity', SEVERITIES)} />
            </Form.Item>
            <Form.Item name="discoveredAt" label={t('labs.duties.discoveredAt')} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="description" label={t('labs.duties.description')} rules={required}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="personalData" label={t('labs.duties.personalData')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
