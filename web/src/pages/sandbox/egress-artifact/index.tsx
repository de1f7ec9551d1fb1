import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Radio, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { selectRequired } from '../../../utils/formRules';
import { useJobs, useWorkspaces, type DeclaredUse, type Egress } from '../api';
import { useRequestArtifactEgress, type NewArtifactEgress } from '../api-egress';
import { ArtifactFindings } from '../components/ArtifactFindings';
import { declaredUseLabel, outputKindLabel, StatusTag } from '../labels';

const USES: DeclaredUse[] = ['client_delivery', 'product_release', 'own_analysis', 'other'];
const ACCEPT = { model_file: '.onnx,.pmml,.xml,.json', report_document: '.pdf,.docx,.xlsx,.png' };

/** EGR-08: a model or report made in a Workspace, uploaded with its source Job; the scan's findings, then review. */
export default function EgressArtifactPage() {
  const t = useT();
  const [form] = Form.useForm<Omit<NewArtifactEgress, 'file'>>();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<Egress | null>(null);
  const workspaceId = Form.useWatch('workspaceId', form);
  const kind = Form.useWatch('outputKind', form) ?? 'model_file';
  const workspaces = useWorkspaces();
  const jobs = useJobs(workspaceId ?? '');
  const send = useRequestArtifactEgress();
  const jobOptions = (workspaceId ? (jobs.data?.items ?? []) : [])
    .filter((j) => j.status === 'succeeded')
    .map((j) => ({ value: j.id, label: `${formatDateTime(j.createdAt)} · ${j.sqlText.slice(0, 60)}` }));
  // Selects and the radio group are required through a validator: a `required` rule puts aria-required on a root
  // without a role, which axe refuses (utils/formRules.ts).
  const required = [selectRequired(t('sandboxEgress.form.required'))];
  const submit = (v: Omit<NewArtifactEgress, 'file'>) => {
    if (file) send.mutate({ ...v, file }, { onSuccess: setDone });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('sandboxEgress.form.title')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">{t('sandboxEgress.form.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outputKind: 'model_file' }}>
          <Form.Item name="workspaceId" label={t('sandboxEgress.form.workspace')} rules={required}>
            <Select
              options={(workspaces.data?.items ?? []).map((w) => ({ value: w.id, label: w.nameZh }))}
              onChange={() => form.setFieldValue('sourceJobId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="sourceJobId"
            label={t('sandboxEgress.form.job')}
            extra={t('sandboxEgress.form.jobHelp')}
            rules={required}
          >
            <Select options={jobOptions} disabled={!workspaceId} />
          </Form.Item>
          <Form.Item name="outputKind" label={t('sandbox.egress.outputKind')} rules={required}>
            <Radio.Group
              options={(['model_file', 'report_document'] as const).map((k) => ({
                value: k,
                label: outputKindLabel(t, k),
              }))}
            />
          </Form.Item>
          <Form.Item name="declaredUse" label={t('sandbox.egress.declaredUse')} rules={required}>
            <Select options={USES.map((u) => ({ value: u, label: declaredUseLabel(t, u) }))} />
          </Form.Item>
          <Form.Item name="justification" label={t('sandbox.egress.justification')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item
            label={t('sandboxEgress.form.file')}
            extra={t(`sandboxEgress.form.formats.${kind}`)}
            required
            validateStatus={send.isIdle || file ? undefined : 'error'}
          >
            <Upload
              accept={ACCEPT[kind as keyof typeof ACCEPT]}
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false; // sent with the form, not on its own
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />}>{t('sandboxEgress.form.choose')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending} disabled={!file}>
            {t('sandboxEgress.form.submit')}
          </Button>
          <ErrorAlert error={send.error} style={{ marginTop: 12 }} />
        </Form>
      </Card>
      {done && <SubmittedCard e={done} />}
    </Space>
  );
}

/** The answer: status, the EGR-08 check and its findings, and the way to the dossier. */
function SubmittedCard({ e }: { e: Egress }) {
  const t = useT();
  return (
    <Card
      title={t('sandboxEgress.result.title')}
      extra={<Link to={`/sandbox/egress/${e.id}`}>{t('sandboxEgress.result.open')}</Link>}
    >
      <Descriptions
        column={2}
        size="small"
        items={[
          { key: 's', label: t('sandboxEgress.result.status'), children: <StatusTag t={t} status={e.status} /> },
          { key: 'f', label: t('sandboxEgress.result.file'), children: e.artifact?.fileName ?? '-' },
        ]}
      />
      {e.failures.map((f) => (
        <Typography.Paragraph key={f.code} type="danger">
          {f.message}
        </Typography.Paragraph>
      ))}
      {e.artifact && <ArtifactFindings findings={e.artifact.findings} />}
      {e.status === 'awaiting_review' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('sandboxEgress.result.review')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
