import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { PageSpinner } from '../../../layouts/PageElement';
import { useT } from '../../../i18n/I18nProvider';
import { useOrg, useOrgAction, type Org, type OrgAction } from '../api';
import { actorLabel, actorRoleStateLabel, orgKindLabel, orgStateLabel, STATE_COLORS } from '../labels';
import { MembersCard } from './components/MembersCard';
import { InviteMemberButton } from './components/InviteMember';
import { WhyNotPanel } from './components/WhyNotPanel';
import { useSession } from '../../../layouts/session';
import { formatDateTime } from '../../../utils/datetime';

const ACTIONS: OrgAction[] = ['verify', 'suspend', 'reactivate', 'deactivate', 'restore'];
// Decision 0059: deactivation and its undoing are sys_admin's and always carry a reason.
const REASON_REQUIRED: OrgAction[] = ['suspend', 'deactivate', 'restore'];

/** Organization profile, actor roles and members; state buttons appear only when the server's `abilities` allow. */
export default function OrgDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const org = useOrg(id);
  const { me } = useSession();
  if (org.isPending) return <PageSpinner />;
  if (org.isError) return <QueryError error={org.error} />;
  const o = org.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('app.common.back')}
              onClick={() => navigate(-1)}
            />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {o.nameZh}
            </Typography.Title>
            <Tag color={STATE_COLORS[o.state]}>{orgStateLabel(t, o.state)}</Tag>
          </Space>
        }
        extra={
          <Space>
            <StateActions org={o} />
            <WhyNotPanel org={o} />
          </Space>
        }
      >
        <Profile org={o} />
      </Card>
      <Card title={t('identity.orgDetail.actorRoles')}>
        <Table
          rowKey={(r) => `${r.actor}:${r.jurisdictionId}`}
          size="small"
          pagination={false}
          dataSource={o.actorRoles ?? []}
          columns={[
            {
              title: t('identity.orgDetail.roleActor'),
              dataIndex: 'actor',
              render: (v: string) => <Tag color="blue">{actorLabel(t, v)}</Tag>,
            },
            {
              title: t('identity.orgDetail.roleState'),
              dataIndex: 'state',
              render: (v: string) => <Tag color={STATE_COLORS[v]}>{actorRoleStateLabel(t, v)}</Tag>,
            },
            {
              title: t('identity.orgDetail.roleValidTo'),
              dataIndex: 'validTo',
              render: (v: string | null) => v ?? t('identity.orgDetail.roleNoEnd'),
            },
          ]}
        />
      </Card>
      <MembersCard
        orgId={o.id}
        canManage={!!o.abilities?.manageMembers}
        extra={o.abilities?.manageMembers && o.id === me.org.id ? <InviteMemberButton orgId={o.id} /> : null}
      />
    </Space>
  );
}

function Profile({ org: o }: { org: Org }) {
  const t = useT();
  const flags = Object.entries(o.blacklistFlags ?? {})
    .filter(([, v]) => !!v)
    .map(([k]) => k);
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="middle" bordered>
      <Descriptions.Item label={t('identity.orgDetail.name')}>{o.nameZh}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.shortName')}>{o.shortName ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.uscc')}>
        <Typography.Text code copyable={!!o.uscc}>
          {o.uscc ?? o.personIdMasked ?? '-'}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.kind')}>{orgKindLabel(t, o.entityKind)}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.jurisdiction')}>{o.jurisdictionNameZh ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.division')}>{o.divisionCode}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.address')} span={2}>
        {o.registeredAddress}
      </Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.created')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('identity.orgDetail.blacklist')}>
        {flags.length
          ? flags.map((f) => (
              <Tag color="red" key={f}>
                {f}
              </Tag>
            ))
          : t('app.common.none')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** verify / suspend / reactivate / deactivate / restore, each behind a confirm dialog with a reason. */
function StateActions({ org }: { org: Org }) {
  const t = useT();
  const { message } = App.useApp();
  const act = useOrgAction(org.id);
  const [open, setOpen] = useState<OrgAction | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const allowed = ACTIONS.filter((a) => org.abilities?.[a]);
  if (!allowed.length) return null;
  const submit = async () => {
    const { reason } = await form.validateFields();
    act.mutate(
      { action: open!, reason: reason?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('identity.orgDetail.actionDone')); // a toast: nothing waits for it to close
          setOpen(null);
          form.resetFields();
        },
      },
    );
  };
  return (
    <>
      <Space>
        {allowed.map((a) => (
          <Button
            key={a}
            type={a === 'suspend' || a === 'deactivate' ? 'default' : 'primary'}
            danger={a === 'suspend' || a === 'deactivate'}
            onClick={() => {
              act.reset();
              setOpen(a);
            }}
          >
            {t(`identity.orgDetail.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!open}
        title={open && t('identity.orgDetail.confirmTitle', { action: t(`identity.orgDetail.${open}`) })}
        onOk={submit}
        confirmLoading={act.isPending}
        onCancel={() => setOpen(null)}
        okText={t('app.common.ok')}
        cancelText={t('app.common.cancel')}
        destroyOnHidden
      >
        <ErrorAlert error={act.error} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('identity.orgDetail.reason')}
            rules={[
              {
                required: !!open && REASON_REQUIRED.includes(open),
                min: 2,
                message: t('identity.orgDetail.reasonRequired'),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
