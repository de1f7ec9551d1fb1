import { useState } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Upload,
} from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { selectRequired } from '../../../utils/formRules';
import {
  csvHeader,
  itemsOf,
  usePsiServices,
  usePsiSessions,
  useRunPsi,
  type PsiSession,
  type PsiStage,
} from '../psi-api';

interface Chosen {
  name: string;
  text: string;
  header: string[] | null;
}

/**
 * The buyer's PSI page (sandbox.md "Buyer: PSI page, where a client tool blinds the list locally"): the chosen file is
 * read, canonicalized, hashed to the curve and blinded in this browser; only blinded points are sent (PSI-05).
 */
export default function PsiPage() {
  const t = useT();
  const services = usePsiServices();
  const sessions = usePsiSessions();
  const [progress, setProgress] = useState<{ stage: PsiStage; pct: number } | null>(null);
  const run = useRunPsi((stage, done, total) => setProgress({ stage, pct: Math.round((100 * done) / (total || 1)) }));
  const [file, setFile] = useState<Chosen | null>(null);
  const [form] = Form.useForm();
  const serviceId = Form.useWatch('serviceId', form);
  const service = services.data?.items.find((s) => s.serviceId === serviceId);
  if (services.error) return <QueryError error={services.error} />;
  const start = (v: { serviceId: string; mode: 'cardinality' | 'membership'; column?: string }) => {
    if (!file) return;
    setProgress(null);
    run.mutate({ serviceId: v.serviceId, mode: v.mode, items: itemsOf(file.text, v.column) });
  };
  const out = run.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('psi.page.title')}>
        <Alert type="info" showIcon message={t('psi.page.privacy')} style={{ marginBottom: 16 }} />
        {!services.isLoading && !services.data?.items.length && <Alert type="warning" message={t('psi.page.none')} />}
        <Form form={form} layout="vertical" onFinish={start} initialValues={{ mode: 'cardinality' }}>
          <Form.Item name="serviceId" label={t('psi.page.service')} rules={[selectRequired(t('psi.page.pickService'))]}>
            <Select
              loading={services.isLoading}
              options={(services.data?.items ?? []).map((s) => ({ value: s.serviceId, label: s.nameZh }))}
            />
          </Form.Item>
          {service && (
            <Alert
              style={{ marginBottom: 16 }}
              message={t('psi.page.serviceHint', {
                field: service.fieldName,
                min: service.minList.toLocaleString(),
                max: service.maxList.toLocaleString(),
                left: service.sessionsLeftToday,
              })}
            />
          )}
          <Form.Item name="mode" label={t('psi.page.mode')}>
            <Radio.Group>
              {(service?.modes ?? ['cardinality']).map((m) => (
                <Radio key={m} value={m}>
                  {t(`psi.page.mode.${m}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('psi.page.file')} required>
            <Upload.Dragger
              accept=".csv,.txt"
              maxCount={1}
              showUploadList={false}
              beforeUpload={async (f) => {
                const text = await f.text();
                setFile({ name: f.name, text, header: csvHeader(text) });
                const header = csvHeader(text);
                // The column named like the service's field, else the first one.
                form.setFieldValue('column', header?.find((h) => h === service?.fieldName) ?? header?.[0]);
                return false; // the file stays in the browser: nothing is uploaded
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{file ? t('psi.page.fileChosen', { name: file.name }) : t('psi.page.fileHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          {file?.header && (
            <Form.Item name="column" label={t('psi.page.column')}>
              <Select options={file.header.map((h) => ({ value: h, label: h }))} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={run.isPending} disabled={!file}>
            {t('psi.page.run')}
          </Button>
        </Form>
        {progress && run.isPending && (
          <div style={{ marginTop: 16 }}>
            {t(`psi.page.stage.${progress.stage}`)}
            <Progress percent={progress.pct} size="small" />
          </div>
        )}
        <ErrorAlert error={run.error} style={{ marginTop: 12 }} />
      </Card>
      {out && (
        <Card title={t('psi.page.result')}>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('psi.page.listSize')} value={out.listSize} />
            </Col>
            <Col span={6}>
              <Statistic title={t('psi.page.matched')} value={out.matchedCount} valueStyle={{ color: '#3f8600' }} />
            </Col>
            <Col span={6}>
              <Statistic title={t('psi.page.invalid')} value={out.invalid} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('psi.page.mode')}
                value={t(`psi.page.mode.${out.mode}`)}
                valueStyle={{ fontSize: 16 }}
              />
            </Col>
          </Row>
          {out.matches && (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(r) => r.item}
              dataSource={out.matches.map((item) => ({ item }))}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('psi.page.matchedItem'), dataIndex: 'item', sorter: (a, b) => a.item.localeCompare(b.item) },
              ]}
              title={() => (
                <ExportExcelButton
                  fileName={t('psi.page.exportName')}
                  columns={[{ header: t('psi.page.matchedItem'), value: (r: { item: string }) => r.item, width: 24 }]}
                  rows={out.matches!.map((item) => ({ item }))}
                />
              )}
            />
          )}
        </Card>
      )}
      <Card title={t('psi.page.history')}>
        <Table<PsiSession>
          rowKey="id"
          size="small"
          loading={sessions.isLoading}
          dataSource={sessions.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('psi.page.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: t('psi.page.service'), dataIndex: 'serviceNameZh' },
            { title: t('psi.page.mode'), dataIndex: 'mode', render: (m: string) => t(`psi.page.mode.${m}`) },
            { title: t('psi.page.listSize'), dataIndex: 'buyerListSize' },
            {
              title: t('psi.page.state'),
              dataIndex: 'state',
              render: (s: string, r) => (
                <Tag color={s === 'closed' ? 'green' : s === 'refused' ? 'red' : 'default'}>
                  {t(`psi.page.state.${s}`)}
                  {r.rejectCode ? ` · ${t(`psi.page.reject.${r.rejectCode}`)}` : ''}
                </Tag>
              ),
            },
            {
              title: t('psi.page.keyDestroyedAt'),
              dataIndex: 'keyDestroyedAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
