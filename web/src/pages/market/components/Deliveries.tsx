import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import {
  type ApiKeySecret,
  type ContractItem,
  type Delivery,
  type OrderItem,
  useDeliveries,
  useIssueKey,
  useProvision,
} from '../api';
import { memberOf } from '../../../i18n/labelled';
import { DELIVERY_MODES, STATE_COLORS, deliveryModeLabel, deliveryStateLabel } from '../labels';

/** The buyer's own key for this order: named, limited to its addresses, its secret shown once (KEY-02). */
function IssueKey({ order, onClose }: { order: OrderItem; onClose: () => void }) {
  const t = useT();
  const { me } = useSession();
  const issue = useIssueKey();
  const [secret, setSecret] = useState<ApiKeySecret | null>(null);
  const [form] = Form.useForm<{ name: string; ip: string }>();
  const submit = (v: { name: string; ip: string }) =>
    issue.mutate(
      {
        orgId: me.org.id,
        orderId: order.id,
        name: v.name,
        ipAllowList: v.ip
          .split(/[\s,\uff0c]+/) // ASCII or full-width commas, or spaces
          .map((x) => x.trim())
          .filter(Boolean),
      },
      { onSuccess: setSecret },
    );
  return (
    <Modal
      open
      title={t('market.delivery.issueKey')}
      onCancel={onClose}
      okText={secret ? t('market.delivery.keySaved') : t('market.delivery.issue')}
      okButtonProps={{ loading: issue.isPending }}
      onOk={() => (secret ? onClose() : form.submit())}
      cancelButtonProps={{ style: secret ? { display: 'none' } : undefined }}
    >
      {secret ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('market.delivery.onceOnly')} />
          <Typography.Paragraph copyable code data-testid="api-key-secret" style={{ wordBreak: 'break-all' }}>
            {secret.secret}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('market.delivery.keyExpires', { at: formatDateTime(secret.expiresAt) })}
          </Typography.Text>
        </Space>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ name: t('market.delivery.keyName', { product: order.productName }), ip: '127.0.0.1/32' }}
        >
          <ErrorAlert error={issue.error} style={{ marginBottom: 12 }} />
          <Form.Item label={t('market.delivery.keyLabel')} name="name" rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('market.delivery.ipAllow')} name="ip" extra={t('market.delivery.ipAllowHint')}>
            <Input />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Deliveries under the contract (PM-22, PM-23): the operator provisions them once it is filed; the buyer takes its key. */
export function Deliveries({ contract, order }: { contract: ContractItem; order: OrderItem }) {
  const t = useT();
  const q = useDeliveries(contract.id);
  const provision = useProvision();
  const [keyFor, setKeyFor] = useState(false);
  const rows = q.data?.items ?? [];
  const buyerKey = order.side === 'buyer' && rows.some((d) => d.mode === 'api_key' && d.state === 'active');
  return (
    <Card
      title={t('market.delivery.title')}
      extra={
        <Space>
          {contract.abilities.deliver && (
            <Button
              type="primary"
              loading={provision.isPending}
              onClick={() =>
                provision.mutate({
                  contractId: contract.id,
                  mode: memberOf(DELIVERY_MODES, contract.deliveryMode) ?? 'api_key',
                  apiKeyId: null,
                  egressRequestId: null,
                  workspaceId: null,
                  modelEndpoint: null,
                })
              }
            >
              {t('market.delivery.provision', { mode: deliveryModeLabel(t, contract.deliveryMode) })}
            </Button>
          )}
          {buyerKey && (
            <Button type="primary" icon={<KeyOutlined />} onClick={() => setKeyFor(true)}>
              {t('market.delivery.issueKey')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={provision.error} style={{ marginBottom: 12 }} />
      <Table<Delivery>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={rows}
        locale={{ emptyText: contract.filedAt ? t('market.delivery.none') : t('market.delivery.afterFiling') }}
        columns={[
          { title: t('market.col.deliveryMode'), dataIndex: 'mode', render: (v: string) => deliveryModeLabel(t, v) },
          {
            title: t('market.col.state'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{deliveryStateLabel(t, v)}</Tag>,
          },
          { title: t('market.delivery.quota'), dataIndex: 'quota', render: (v: number) => v.toLocaleString('zh-CN') },
          {
            title: t('market.col.term'),
            key: 'term',
            render: (_: unknown, d) => `${formatDate(d.validFrom)} ~ ${formatDate(d.validTo)}`,
          },
          {
            title: t('market.delivery.access'),
            key: 'access',
            render: (_: unknown, d) =>
              d.mode === 'api_key' && order.side === 'buyer' ? (
                <Link to="/services/usage">{t('market.delivery.console')}</Link>
              ) : (
                (d.modelEndpoint ?? '-')
              ),
          },
        ]}
      />
      {keyFor && <IssueKey order={order} onClose={() => setKeyFor(false)} />}
    </Card>
  );
}
