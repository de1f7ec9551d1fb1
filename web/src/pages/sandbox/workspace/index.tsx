import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, RedoOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useI18n, useT, type TFunction } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import {
  useJob,
  useJobs,
  useRequestEgress,
  useSubmitJob,
  useWorkspace,
  type DeclaredUse,
  type Failure,
  type Job,
  type OutputKind,
  type ViewField,
  type Workspace,
} from '../api';
import { insertAtCursor, SqlEditor, type MountedView } from '../components/SqlEditor';
import { useImports, type WorkspaceImport } from '../api-data';
import { ResultViewer } from '../results/ResultViewer';
import { declaredUseLabel, MaskingTag, outputKindLabel, StatusTag } from '../labels';

const REJECT_CODES = new Set([
  'SQL_SYNTAX',
  'STATEMENT_NOT_ALLOWED',
  'MULTIPLE_STATEMENTS',
  'FUNCTION_NOT_ALLOWED',
  'OBJECT_NOT_IN_WORKSPACE',
  'FIELD_NOT_GRANTED',
  'AGGREGATE_ONLY_FIELD',
  'SQL_TOO_LARGE',
  'RESOURCE_LIMIT_MEMORY',
  'RESOURCE_LIMIT_TIME',
  'RESOURCE_LIMIT_ROWS',
  'RESOURCE_LIMIT_STORAGE',
  'RESOURCE_LIMIT_CONCURRENCY',
  'JOB_ENGINE_ERROR',
]);
/** A reject or stop code in words (the code itself stays out of a Chinese page). */
export const rejectLabel = (t: TFunction, code: string) =>
  t(REJECT_CODES.has(code) ? `sandbox.reject.${code}` : 'sandbox.reject.other');

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
  const editorBox = useRef<HTMLDivElement>(null);
  const views = ws.data?.views ?? [];
  const importList = useImports(id);
  // SBX-11: the Workspace's own imports are named in SQL beside the Grant's views.
  const imports = (importList.data?.items ?? []).filter((i) => i.status === 'active');
  const mounted: MountedView[] = useMemo(
    () => [
      ...views.map((v) => ({
        name: v.name,
        fields: v.fields.map((f) => ({ name: f.name, detail: `${v.name} · ${t(`sandbox.masking.${f.method}`)}` })),
      })),
      ...imports
        .filter((i) => i.status === 'active')
        .map((i) => ({
          name: i.name,
          fields: i.columns
            .filter((c) => c.method !== 'drop')
            .map((c) => ({ name: c.name, detail: `${i.name} · ${t(`sandbox.masking.${c.method}`)}` })),
        })),
    ],
    [views, importList.data, t],
  );
  if (ws.error) return <QueryError error={ws.error} />;
  const runSql = (text: string) => {
    if (text.trim()) submit.mutate(text, { onSuccess: (j) => setJobId(j.id) });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {ws.data?.nameZh}
        </Typography.Title>
        {ws.data && <StatusTag t={t} status={ws.data.status} />}
        {ws.data?.grantNo && (
          <Link to={`/authorization/grants/${ws.data.grantId}`}>
            {t('sandbox.workspace.grantLink', { no: ws.data.grantNo })}
          </Link>
        )}
        <Link to={`/sandbox/workspaces/${id}/imports`}>{t('sandboxData.imports.link')}</Link>
      </Space>
      {ws.data && <Limits ws={ws.data} />}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <SchemaBrowser views={views} imports={imports} />
        </Col>
        <Col xs={24} lg={16}>
          <Card
            title={t('sandbox.workspace.editor')}
            extra={<Typography.Text type="secondary">{t('sandbox.workspace.runHint')}</Typography.Text>}
          >
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">{t('sandbox.workspace.viewsHint')}</Typography.Text>
              {[...views, ...imports].map((v) => (
                <Tooltip key={v.name} title={t('sandbox.workspace.insertView', { name: v.name })}>
                  <Tag
                    color="blue"
                    style={{ cursor: 'pointer' }}
                    onClick={() => insertAtCursor(editorBox.current, v.name)}
                  >
                    {v.name}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
            <div ref={editorBox}>
              <SqlEditor
                value={sql}
                onChange={setSql}
                onRun={runSql}
                views={mounted}
                label={t('sandbox.workspace.sql')}
                placeholder={views[0] ? `SELECT … FROM ${views[0].name} GROUP BY …` : 'SELECT …'}
              />
            </div>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('sandbox.workspace.completionHint')}
            </Typography.Paragraph>
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" onClick={() => runSql(sql)} loading={submit.isPending} disabled={!sql.trim()}>
                {t('sandbox.workspace.run')}
              </Button>
            </Space>
            <ErrorAlert error={submit.error} style={{ marginTop: 12 }} />
          </Card>
        </Col>
      </Row>
      {job.data && (
        <JobResult job={job.data} workspaceId={id} views={views} previewRows={ws.data?.limits.previewRows} />
      )}
      <Card
        title={t('sandbox.workspace.history')}
        extra={
          <ExportExcelButton
            fileName="jobs"
            sheetName={t('sandbox.workspace.history')}
            rows={jobs.data?.items ?? []}
            columns={[
              { header: t('sandbox.job.createdAt'), value: (r: Job) => formatDateTime(r.createdAt), width: 18 },
              { header: t('sandbox.job.sql'), value: (r: Job) => r.sqlText, width: 60 },
              { header: t('sandbox.common.status'), value: (r: Job) => t(`sandbox.status.${r.status}`) },
              {
                header: t('sandbox.job.rejectCode'),
                value: (r: Job) => (r.rejectCode ? rejectLabel(t, r.rejectCode) : ''),
              },
              { header: t('sandbox.job.rows'), value: (r: Job) => r.rowsOut },
              { header: t('sandbox.job.duration'), value: (r: Job) => r.durationMs },
              { header: t('sandbox.egressDetail.sqlSm3'), value: (r: Job) => r.sqlSm3, width: 66 },
            ]}
          />
        }
      >
        <Table<Job>
          rowKey="id"
          size="small"
          loading={jobs.isLoading}
          dataSource={jobs.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          rowClassName={(r) => (r.id === jobId ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('sandbox.job.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('sandbox.job.sql'),
              dataIndex: 'sqlText',
              ellipsis: true,
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('sandbox.common.status'),
              dataIndex: 'status',
              width: 130,
              render: (s: string) => <StatusTag t={t} status={s} />,
            },
            {
              title: t('sandbox.job.rejectCode'),
              dataIndex: 'rejectCode',
              width: 150,
              render: (c: string | null) => (c ? <Tag color="red">{rejectLabel(t, c)}</Tag> : null),
            },
            { title: t('sandbox.job.rows'), dataIndex: 'rowsOut', width: 70 },
            { title: t('sandbox.job.duration'), dataIndex: 'durationMs', width: 100 },
            {
              title: t('sandbox.job.actions'),
              key: 'actions',
              width: 250,
              render: (_: unknown, r) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setJobId(r.id)}>
                    {t('sandbox.job.show')}
                  </Button>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setSql(r.sqlText)}>
                    {t('sandbox.job.load')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<RedoOutlined />}
                    onClick={() => {
                      setSql(r.sqlText);
                      runSql(r.sqlText);
                    }}
                  >
                    {t('sandbox.job.rerun')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Limits({ ws }: { ws: Workspace }) {
  const t = useT();
  const keys = ['memoryMiB', 'interactiveSec', 'previewRows', 'concurrentJobs'].filter(
    (k) => ws.limits[k] !== undefined,
  );
  return (
    <Space wrap size={4}>
      <Typography.Text type="secondary">{t('sandbox.workspace.limits')}</Typography.Text>
      {keys.map((k) => (
        <Tag key={k}>{t(`sandbox.workspace.limit.${k}`, { v: ws.limits[k] })}</Tag>
      ))}
      <Typography.Text type="secondary">{t('sandbox.workspace.seatsLabel')}</Typography.Text>
      <Tag>{ws.seats.length}</Tag>
    </Space>
  );
}

function SchemaBrowser({ views, imports }: { views: Workspace['views']; imports: WorkspaceImport[] }) {
  const t = useT();
  return (
    <Card title={t('sandbox.workspace.schema')}>
      {views.map((v) => (
        <div key={v.name} style={{ marginBottom: 12 }}>
          <Typography.Text strong code>
            {v.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {' '}
            {t('sandbox.workspace.snapshot', { v: v.snapshotVersion ?? '-' })} · {formatDateTime(v.refreshedAt)}
          </Typography.Text>
          <ul style={{ paddingLeft: 16, margin: '4px 0' }}>
            {v.fields.map((f) => (
              <li key={f.name}>
                <Space size={4}>
                  <span>{f.name}</span>
                  <Tag>{t(`sandbox.grade.${f.grade}`)}</Tag>
                  <MaskingTag t={t} method={f.method} />
                </Space>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {imports.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="schema-imports">
          <Typography.Text type="secondary">{t('sandboxData.imports.schemaTitle')}</Typography.Text>
          {imports.map((i) => (
            <div key={i.id}>
              <Typography.Text strong code>
                {i.name}
              </Typography.Text>
              <ul style={{ paddingLeft: 16, margin: '4px 0' }}>
                {i.columns
                  .filter((c) => c.method !== 'drop')
                  .map((c) => (
                    <li key={c.name}>
                      <Space size={4}>
                        <span>{c.name}</span>
                        <MaskingTag t={t} method={c.method} />
                      </Space>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** A result column that is a masked field of a mounted view keeps its masking method (the grid marks it). */
function maskingOf(views: Workspace['views'], column: string): ViewField | undefined {
  for (const v of views) {
    const f = v.fields.find((x) => x.name === column && x.method !== 'none');
    if (f) return f;
  }
  return undefined;
}

function JobResult({
  job,
  workspaceId,
  views,
  previewRows,
}: {
  job: Job;
  workspaceId: string;
  views: Workspace['views'];
  previewRows?: number;
}) {
  const t = useT();
  const { lang } = useI18n();
  const msg = (f: Failure) => (lang === 'zh-CN' ? f.message : (f.message_en ?? f.message));
  return (
    <Card
      title={
        <Space>
          {t('sandbox.workspace.result')}
          <StatusTag t={t} status={job.status} />
        </Space>
      }
    >
      {job.failures.length > 0 && (
        <Space direction="vertical">
          {job.failures.map((f) => (
            <Typography.Text key={f.code} type="danger">
              <Tag>{f.ruleId}</Tag>
              {msg(f)}
            </Typography.Text>
          ))}
        </Space>
      )}
      {(job.columns ?? []).some((c) => maskingOf(views, c.name)) && (
        <Typography.Paragraph type="secondary">{t('sandbox.workspace.maskedLegend')}</Typography.Paragraph>
      )}
      {job.status === 'succeeded' && job.resultTable && (
        <ResultViewer
          workspaceId={workspaceId}
          jobId={job.id}
          pageSize={Math.min(previewRows ?? 100, 100)}
          maskingOf={(c) => maskingOf(views, c)?.method}
        />
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
    <Form
      layout="inline"
      style={{ marginTop: 16 }}
      initialValues={{ outputKind: 'aggregate_table', declaredUse: 'own_analysis' }}
      onFinish={(v) =>
        req.mutate({ ...v, workspaceId, sourceJobId: jobId }, { onSuccess: (e) => nav(`/sandbox/egress/${e.id}`) })
      }
    >
      <Form.Item name="outputKind" label={t('sandbox.egress.outputKind')}>
        <Select
          style={{ width: 160 }}
          options={(['aggregate_table', 'chart', 'record_list'] as const satisfies readonly OutputKind[]).map((k) => ({
            value: k,
            label: outputKindLabel(t, k),
          }))}
        />
      </Form.Item>
      <Form.Item name="declaredUse" label={t('sandbox.egress.declaredUse')}>
        <Select
          style={{ width: 160 }}
          options={(
            ['own_analysis', 'client_delivery', 'product_release', 'other'] as const satisfies readonly DeclaredUse[]
          ).map((k) => ({
            value: k,
            label: declaredUseLabel(t, k),
          }))}
        />
      </Form.Item>
      <Form.Item name="justification" label={t('sandbox.egress.justification')} rules={[{ required: true }]}>
        <Input style={{ width: 240 }} />
      </Form.Item>
      <Button htmlType="submit" loading={req.isPending}>
        {t('sandbox.egress.submit')}
      </Button>
      <ErrorAlert error={req.error} style={{ marginTop: 12, width: '100%' }} />
    </Form>
  );
}
