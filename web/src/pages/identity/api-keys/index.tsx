import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey, type CreatedApiKey, type ScopeItem } from '../api';
import { keyStateLabel, STATE_COLORS } from '../labels';
import { formatDateTime, formatDate } from '../../../utils/datetime';

const SCOPE_EXAMPLE =
  '[\n  {"objectType": "order", "objectId": "00000000-0000-0000-0000-000000000000", "actions": ["order.read"]}\n]';

/** API keys of the current org: create (secret shown once, KEY-02), list, revoke. */
export default function ApiKeysPage() {
  const t = useT();
  const { me } = useSession();
  const orgId = me.org.id;
  const keys = useApiKeys(orgId);
  const revoke = useRevokeApiKey(orgId);
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const columns: TableColumnsType<ApiKey> = [
    { title: t('identity.apiKeys.colName'), dataIndex: 'name' },
    {
      title: t('identity.apiKeys.colPrefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{`sy_${v}_…`}</Typography.Text>,
    },
    {
      title: t('identity.apiKeys.colScopes'),
      dataIndex: 'scopes',
      render: (s: ScopeItem[]) => (
        <Space size={[4, 4]} wrap>
          {s.map((x) => (
            <Tag
              key={`${x.objectType}:${x.objectId}`}
            >{`${x.objectType}:${x.objectId.slice(0, 8)} ${x.actions.join(',')}`}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('identity.apiKeys.colIps'),
      dataIndex: 'ipAllowList',
      render: (ips: string[]) => (ips.length ? ips.join(', ') : t('app.common.none')),
    },
    {
      title: t('identity.apiKeys.colState'),
      dataIndex: 'state',
      render: (v: string) => <Tag color={STATE_COLORS[v]}>{keyStateLabel(t, v)}</Tag>,
    },
    { title: t('identity.apiKeys.colExpires'), dataIndex: 'expiresAt', render: (v: string) => formatDate(v) },
    {
      title: t('identity.apiKeys.colLastUsed'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('app.common.actions'),
      key: 'actions',
      render: (_, k) =>
        ['active', 'rotating'].includes(k.state) ? (
          <Popconfirm
            title={t('identity.apiKeys.revokeConfirm')}
            okText={t('app.common.ok')}
            cancelText={t('app.common.cancel')}
            onConfirm={() => revoke.mutateAsync(k.id).then(() => message.success(t('identity.apiKeys.revoked')))}
          >
            <Button size="small" danger>
              {t('identity.apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('identity.apiKeys.title')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('identity.apiKeys.create')}
        </Button>
      }
    >
      <ErrorAlert error={revoke.error} />
      {keys.isError ? (
        <QueryError error={keys.error} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={keys.data?.items}
          loading={keys.isPending}
          pagination={false}
        />
      )}
      {creating && (
        <CreateKeyModal
          orgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
          }}
        />
      )}
      {created && <SecretModal created={created} onClose={() => setCreated(null)} />}
    </Card>
  );
}

interface FormValues {
  name: string;
  scopes: string;
  ips?: string;
  days?: number;
}

function CreateKeyModal({
  orgId,
  onClose,
  onCreated,
}: {
  orgId: string;
  onClose: () => void;
  onCreated: (k: CreatedApiKey) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateApiKey(orgId);
  const onOk = async () => {
    const v = await form.validateFields();
    const ipAllowList = (v.ips ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    create.mutate(
      { name: v.name, scopes: JSON.parse(v.scopes) as ScopeItem[], ipAllowList, days: v.days ?? undefined },
      { onSuccess: onCreated },
    );
  };
  const scopesValid = (_: unknown, value: string) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) && parsed.length > 0
        ? Promise.resolve()
        : Promise.reject(new Error(t('identity.apiKeys.formScopesInvalid')));
    } catch {
      return Promise.reject(new Error(t('identity.apiKeys.formScopesInvalid')));
    }
  };
  return (
    <Modal
      open
      title={t('identity.apiKeys.create')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okText={t('app.common.create')}
      cancelText={t('app.common.cancel')}
      width={640}
    >
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" name="apiKey" initialValues={{ scopes: SCOPE_EXAMPLE, days: 90 }}>
        <Form.Item name="name" label={t('identity.apiKeys.formName')} rules={[{ required: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('identity.apiKeys.formScopes')}
          extra={t('identity.apiKeys.formScopesHelp')}
          rules={[{ required: true, validator: scopesValid }]}
        >
          <Input.TextArea rows={5} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="ips" label={t('identity.apiKeys.formIps')} extra={t('identity.apiKeys.formIpsHelp')}>
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="days" label={t('identity.apiKeys.formDays')}>
          <InputNumber min={1} max={3650} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SecretModal({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('identity.apiKeys.secretTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('app.common.close')}
        </Button>
      }
    >
      <Typography.Paragraph type="warning">{t('identity.apiKeys.secretWarning')}</Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: created.secret, tooltips: [t('identity.apiKeys.copy'), t('identity.apiKeys.copy')] }}
      >
        <Typography.Text code data-testid="api-key-secret" style={{ wordBreak: 'break-all' }}>
          {created.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('identity.apiKeys.colExpires')}: {formatDate(created.expiresAt)}
      </Typography.Text>
    </Modal>
  );
}
