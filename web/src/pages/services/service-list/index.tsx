import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { selectRequired } from '../../../utils/formRules';
import { useSession } from '../../../layouts/session';
import { useWorkspaces } from '../../sandbox/api';
import { StatusTag } from '../../sandbox/labels';
import {
  useApproveService,
  useProposeService,
  useServices,
  useTestTemplate,
  verificationSpec,
  type Service,
} from '../api';

/** Data-service templates: the operator defines a verification template, the authority approves it (SVC-01). */
export default function ServiceListPage() {
  const t = useT();
  const { facts } = useSession();
  const q = useServices();
  const ws = useWorkspaces();
  const propose = useProposeService();
  const approve = useApproveService();
  if (q.error) return <QueryError error={q.error} />;
  const isOperator = facts.actors.includes('operator') || facts.actors.includes('collaborator');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('services.list.title')}
          </Typography.Title>
        }
      >
        <Table<Service>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('services.list.name'), dataIndex: 'nameZh' },
            { title: t('services.list.kind'), dataIndex: 'kind', render: (k: string) => t(`services.kind.${k}`) },
            {
              title: t('services.list.template'),
              dataIndex: ['spec', 'sql'],
              render: (s: string) => <Typography.Text code>{s}</Typography.Text>,
            },
            {
              title: 'SM3',
              dataIndex: 'sm3',
              render: (s: string) => <Typography.Text code>{s.slice(0, 16)}</Typography.Text>,
            },
            {
              title: t('sandbox.common.status'),
              dataIndex: 'status',
              render: (s: string) => <StatusTag t={t} status={s} />,
            },
            {
              title: '',
              render: (_: unknown, r) =>
                r.status === 'proposed' && !isOperator ? (
                  <Button size="small" onClick={() => approve.mutate(r.id)}>
                    {t('services.list.approve')}
                  </Button>
                ) : null,
            },
          ]}
        />
        <ErrorAlert error={approve.error} style={{ marginTop: 12 }} />
      </Card>
      {isOperator && <TestConsole services={q.data?.items ?? []} />}
      {isOperator && (
        <Card title={t('services.define.title')}>
          <Form
            layout="vertical"
            onFinish={(v) =>
              propose.mutate({
                workspaceId: v.workspaceId,
                nameZh: v.nameZh,
                spec: verificationSpec(v.view, String(v.fields)),
              })
            }
          >
            <Form.Item
              name="workspaceId"
              label={t('services.define.workspace')}
              rules={[selectRequired(t('app.form.selectRequired', { label: t('services.define.workspace') }))]}
            >
              <Select options={(ws.data?.items ?? []).map((w) => ({ value: w.id, label: w.nameZh }))} />
            </Form.Item>
            <Form.Item name="nameZh" label={t('services.define.name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="view" label={t('services.define.view')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="fields" label={t('services.define.fields')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={propose.isPending}>
              {t('services.define.submit')}
            </Button>
            <ErrorAlert error={propose.error} style={{ marginTop: 12 }} />
          </Form>
        </Card>
      )}
    </Space>
  );
}

function TestConsole({ services }: { services: Service[] }) {
  const t = useT();
  const run = useTestTemplate();
  const [out, setOut] = useState<Record<string, unknown> | null>(null);
  return (
    <Card title={t('services.test.title')}>
      <Form
        layout="vertical"
        initialValues={{ body: '{}' }}
        onFinish={(v) => run.mutate({ id: v.id, body: JSON.parse(String(v.body || '{}')) }, { onSuccess: setOut })}
      >
        <Form.Item
          name="id"
          label={t('services.test.service')}
          rules={[selectRequired(t('app.form.selectRequired', { label: t('services.test.service') }))]}
        >
          <Select options={services.map((s) => ({ value: s.id, label: s.nameZh }))} />
        </Form.Item>
        <Form.Item name="body" label={t('services.test.params')}>
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button htmlType="submit" loading={run.isPending}>
          {t('services.test.run')}
        </Button>
      </Form>
      <ErrorAlert error={run.error} style={{ marginTop: 12 }} />
      {out && (
        <pre aria-label={t('services.test.result')} style={{ marginTop: 12, background: '#fafafa', padding: 8 }}>
          {JSON.stringify(out, null, 2)}
        </pre>
      )}
    </Card>
  );
}
