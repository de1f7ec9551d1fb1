import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useJob, useJobs, useRequestEgress, useSubmitJob, useWorkspace, type Job } from '../api';
import { MaskingTag, StatusTag } from '../labels';

/** Workspace home (sandbox.md "What users see"): granted views, SQL editor, job history, watermarked preview, egress form. */
export default function WorkspacePage() {
  const { id = '' } = useParams();
  const t = useT();
  const ws = useWorkspace(id);
  const jobs = useJobs(id);
  const submit = useSubmitJob(id);
  const [sql, setSql] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(id, jobId);
  if (ws.error) return <QueryError error={ws.error} />;
  const run = () => submit.mutate(sql, { onSuccess: (j) => setJobId(j.id) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>{ws.data?.nameZh}</Typography.Title>
      <Row gutter={16}>
        <Col span={8}><SchemaBrowser views={ws.data?.views ?? []} /></Col>
        <Col span={16}>
          <Card title={t('sandbox.workspace.editor')}>
            <Input.TextArea aria-label={t('sandbox.workspace.sql')} rows={8} value={sql} onChange={(e) => setSql(e.target.value)} style={{ fontFamily: 'monospace' }}
              placeholder="SELECT ... FROM ... GROUP BY ..." />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={run} loading={submit.isPending} disabled={!sql.trim()}>{t('sandbox.workspace.run')}</Button>
            </Space>
            <ErrorAlert error={submit.error} style={{ marginTop: 12 }} />
          </Card>
        </Col>
      </Row>
      {job.data && <JobResult job={job.data} workspaceId={id} />}
      <Card title={t('sandbox.workspace.history')}>
        <Table<Job> rowKey="id" size="small" loading={jobs.isLoading} dataSource={jobs.data?.items ?? []} pagination={{ pageSize: 10 }}
          onRow={(r) => ({ onClick: () => setJobId(r.id), style: { cursor: 'pointer' } })} columns={[
            { title: t('sandbox.job.sql'), dataIndex: 'sqlText', ellipsis: true },
            { title: t('sandbox.common.status'), dataIndex: 'status', render: (s: string) => <StatusTag t={t} status={s} /> },
            { title: t('sandbox.job.rejectCode'), dataIndex: 'rejectCode', render: (c: string | null) => (c ? <Tag color="red">{c}</Tag> : null) },
            { title: t('sandbox.job.rows'), dataIndex: 'rowsOut' },
            { title: t('sandbox.job.duration'), dataIndex: 'durationMs' },
          ]} />
      </Card>
    </Space>
  );
}

function SchemaBrowser({ views }: { views: NonNullable<ReturnType<typeof useWorkspace>['data']>['views'] }) {
  const t = useT();
  return (
    <Card title={t('sandbox.workspace.schema')}>
      {views.map((v) => (
        <div key={v.name} style={{ marginBottom: 12 }}>
          <Typography.Text strong code>{v.name}</Typography.Text>
          <Typography.Text type="secondary"> {t('sandbox.workspace.snapshot', { v: v.snapshotVersion ?? '-' })}</Typography.Text>
          <ul style={{ paddingLeft: 16, margin: '4px 0' }}>
            {v.fields.map((f) => <li key={f.name}><Space size={4}><span>{f.name}</span><Tag>{t(`sandbox.grade.${f.grade}`)}</Tag><MaskingTag t={t} method={f.method} /></Space></li>)}
          </ul>
        </div>
      ))}
    </Card>
  );
}

function JobResult({ job, workspaceId }: { job: Job; workspaceId: string }) {
  const t = useT();
  const { me } = useSession();
  const cols = job.columns ?? [];
  return (
    <Card title={<Space>{t('sandbox.workspace.result')}<StatusTag t={t} status={job.status} /></Space>} extra={<Typography.Text type="secondary">{`${me.user.loginName} · ${new Date().toISOString()}`}</Typography.Text>}>
      {job.failures.length > 0 && <Space direction="vertical">{job.failures.map((f) => <Typography.Text key={f.code} type="danger"><Tag>{f.ruleId}</Tag>{f.message}</Typography.Text>)}</Space>}
      {job.preview && (
        <div style={{ position: 'relative' }} aria-label={t('sandbox.workspace.preview')}>
          <Table size="small" rowKey={(_, i) => String(i)} pagination={false} scroll={{ x: true }} dataSource={job.preview.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v])))}
            columns={cols.map((c, i) => ({ title: c.name, dataIndex: String(i), render: (v: unknown) => (v === null ? '' : String(v)) }))} />
          <div aria-hidden style={{ position: 'absolute', inset: 0, pointerEvents: 'none', opacity: 0.08, fontSize: 28, transform: 'rotate(-20deg)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{me.user.loginName}</div>
        </div>
      )}
      {job.status === 'succeeded' && <EgressForm jobId={job.id} workspaceId={workspaceId} />}
    </Card>
  );
}

function EgressForm({ jobId, workspaceId }: { jobId: string; workspaceId: string }) {
  const t = useT();
  const nav = useNavigate();
  const req = useRequestEgress();
  return (
    <Form layout="inline" style={{ marginTop: 16 }} initialValues={{ outputKind: 'aggregate_table', declaredUse: 'own_analysis' }}
      onFinish={(v) => req.mutate({ ...v, workspaceId, sourceJobId: jobId }, { onSuccess: (e) => nav(`/sandbox/egress/${e.id}`) })}>
      <Form.Item name="outputKind" label={t('sandbox.egress.outputKind')}>
        <Select style={{ width: 160 }} options={['aggregate_table', 'chart', 'record_list'].map((k) => ({ value: k, label: t(`sandbox.egress.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="declaredUse" label={t('sandbox.egress.declaredUse')}>
        <Select style={{ width: 160 }} options={['own_analysis', 'client_delivery', 'product_release', 'other'].map((k) => ({ value: k, label: t(`sandbox.egress.use.${k}`) }))} />
      </Form.Item>
      <Form.Item name="justification" label={t('sandbox.egress.justification')} rules={[{ required: true }]}><Input style={{ width: 240 }} /></Form.Item>
      <Button htmlType="submit" loading={req.isPending}>{t('sandbox.egress.submit')}</Button>
      <ErrorAlert error={req.error} style={{ marginTop: 12, width: '100%' }} />
    </Form>
  );
}
