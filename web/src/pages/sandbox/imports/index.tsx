import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { LAWFUL_BASES, useImportData, useImports, type WorkspaceImport } from '../api-data';
import { useWorkspace } from '../api';
import { MaskingTag } from '../labels';

const FINDINGS = new Set([
  'id_number',
  'uscc',
  'bank_card',
  'mobile',
  'landline',
  'passport',
  'email',
  'ip',
  'license_plate',
  'birth_date',
  'person_name',
  'address',
  'text_pii',
]);
const findingLabel = (t: TFunction, type: string) =>
  t(FINDINGS.has(type) ? `sandboxData.finding.${type}` : 'sandboxData.finding.other');

/** SBX-11: the operator's import page — upload, declare the lawful source, see what the scan found and did. */
export default function ImportsPage() {
  const { id = '' } = useParams();
  const t = useT();
  const ws = useWorkspace(id);
  const list = useImports(id);
  if (ws.error) return <QueryError error={ws.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sandboxData.imports.title')}
        </Typography.Title>
        <Link to={`/sandbox/workspaces/${id}`}>
          {t('sandboxData.imports.back')} · {ws.data?.nameZh}
        </Link>
      </Space>
      <Alert type="info" showIcon message={t('sandboxData.imports.intro')} />
      <ImportForm workspaceId={id} />
      <Card title={t('sandboxData.imports.list')} loading={list.isLoading}>
        {list.error && <ErrorAlert error={list.error} />}
        {!list.data?.items.length && (
          <Typography.Text type="secondary">{t('sandboxData.imports.empty')}</Typography.Text>
        )}
        <Space direction="vertical" style={{ width: '100%' }}>
          {(list.data?.items ?? []).map((i) => (
            <ImportCard key={i.id} imp={i} />
          ))}
        </Space>
      </Card>
    </Space>
  );
}

interface FormValues {
  name: string;
  sourceBasis: string;
  sourceDescription: string;
  sourceReference?: string;
}

function ImportForm({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const save = useImportData(workspaceId);
  const required = [{ required: true, message: t('sandboxData.imports.required') }];
  return (
    <Card title={t('sandboxData.imports.form')}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ sourceBasis: 'own_business' }}
        onFinish={(v) =>
          file &&
          save.mutate(
            { ...v, file },
            {
              onSuccess: () => {
                form.resetFields();
                setFile(null);
              },
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('sandboxData.imports.name')}
          extra={t('sandboxData.imports.nameHint')}
          rules={required}
        >
          <Input />
        </Form.Item>
        <Form.Item name="sourceBasis" label={t('sandboxData.imports.basis')} rules={required}>
          <Select options={LAWFUL_BASES.map((b) => ({ value: b, label: t(`sandboxData.basis.${b}`) }))} />
        </Form.Item>
        <Form.Item
          name="sourceDescription"
          label={t('sandboxData.imports.description')}
          extra={t('sandboxData.imports.descriptionHint')}
          rules={required}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="sourceReference" label={t('sandboxData.imports.reference')}>
          <Input />
        </Form.Item>
        <Form.Item label={t('sandboxData.imports.file')} required>
          <Upload
            accept=".csv,.txt,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false; // sent with the form, not on its own
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('sandboxData.imports.choose')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!file}>
          {t('sandboxData.imports.submit')}
        </Button>
      </Form>
      <ErrorAlert error={save.error} style={{ marginTop: 12 }} />
      {save.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          message={t('sandboxData.imports.done', { name: save.data.name, rows: save.data.rows })}
        />
      )}
    </Card>
  );
}

function ImportCard({ imp }: { imp: WorkspaceImport }) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid={`import-${imp.name}`}
      title={
        <Space>
          <Typography.Text code>{imp.name}</Typography.Text>
          <Tag color={imp.status === 'active' ? 'green' : 'default'}>{t(`sandboxData.status.${imp.status}`)}</Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('sandboxData.imports.source')}>
          {t(`sandboxData.basis.${imp.declaredSource.basis}`)} · {imp.declaredSource.description}
          {imp.declaredSource.reference ? ` · ${imp.declaredSource.reference}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('sandboxData.imports.rows')}>{imp.rows}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxData.imports.scannedAt')}>
          {formatDateTime(imp.scannedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('sandboxData.imports.fileSm3')}>
          <Typography.Text copyable style={{ fontSize: 12 }}>
            {imp.fileSm3 ?? '-'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={imp.columns}
        columns={[
          { title: t('sandboxData.imports.column'), dataIndex: 'name' },
          {
            title: t('sandboxData.imports.findings'),
            key: 'findings',
            render: (_: unknown, c) =>
              c.findings.length ? (
                <Space size={4} wrap>
                  {c.findings.map((f) => (
                    <Tag key={f.type} color={c.personalInfo ? 'red' : 'blue'}>
                      {findingLabel(t, f.type)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('sandboxData.imports.noFinding')}</Typography.Text>
              ),
          },
          {
            title: t('sandboxData.imports.personal'),
            dataIndex: 'personalInfo',
            render: (p: boolean) => (p ? <Tag color="red">{t('sandboxData.imports.personal')}</Tag> : null),
          },
          {
            title: t('sandboxData.imports.method'),
            dataIndex: 'method',
            render: (m: string) => <MaskingTag t={t} method={m} />,
          },
        ]}
      />
    </Card>
  );
}
