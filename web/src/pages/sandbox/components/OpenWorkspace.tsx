import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Modal, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useMembers } from '../../identity/api';
import { useOpenWorkspace, useWorkspaces, type Workspace } from '../api';
import { StatusTag } from '../labels';
import { formatDateTime } from '../../../utils/datetime';

const HOLDERS = ['operator', 'collaborator', 'lab_partner'];
/** sandbox.md SBX-01 maxSeatsPerWorkspace (default 10). */
export const MAX_SEATS = 10;

/**
 * Coarse gate for the action (style.md §8: route-level only); the server decides: workspace.create is
 * org_admin or developer of the holder or a collaborator, naming seats on an existing Workspace is org_admin.
 */
export function useWorkspaceRights() {
  const { facts } = useSession();
  const holder = facts.actors.some((a) => HOLDERS.includes(a));
  return {
    canOpen: holder && facts.roles.some((r) => r === 'org_admin' || r === 'developer'),
    canSeat: holder && facts.roles.includes('org_admin'),
  };
}

/** Members of the caller's org, as seat options (SBX-02: seats are users of the holder org). */
function useSeatOptions() {
  const { me } = useSession();
  const m = useMembers(me.org.id);
  const items = (m.data?.items ?? []).filter((x) => x.state === 'active');
  return {
    loading: m.isLoading,
    names: new Map(items.map((x) => [x.userId, x.realName || x.loginName])),
    options: items.map((x) => ({ value: x.userId, label: `${x.realName || x.loginName} (${x.loginName})` })),
  };
}

/**
 * The "开通工作空间" dialog: opens the org's Workspace on a Grant with its seats, or adds seats to the
 * Workspace provisioned when the Grant became active (POST /workspaces does both).
 */
export function OpenWorkspaceModal({
  open,
  onClose,
  grantId,
  grantOptions,
  existing,
}: {
  open: boolean;
  onClose: () => void;
  grantId?: string;
  grantOptions?: { value: string; label: string }[];
  existing?: Workspace;
}) {
  const t = useT();
  const nav = useNavigate();
  const { me } = useSession();
  const seats = useSeatOptions();
  const mut = useOpenWorkspace();
  const [form] = Form.useForm<{ grantId: string; seats: string[] }>();
  const seated = new Set((existing?.seats ?? []).map((s) => s.userId));
  const submit = (v: { grantId: string; seats: string[] }) =>
    mut.mutate(
      { grantId: grantId ?? v.grantId, seats: v.seats ?? [] },
      {
        onSuccess: (w) => {
          onClose();
          nav(`/sandbox/workspaces/${w.id}`);
        },
      },
    );
  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnClose
      title={t(existing ? 'sandbox.open.addSeatsTitle' : 'sandbox.open.title')}
      okText={t(existing ? 'sandbox.open.addSeats' : 'sandbox.open.submit')}
      okButtonProps={{ loading: mut.isPending }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('sandbox.open.intro', { max: MAX_SEATS })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ seats: [] }}>
        {!grantId && (
          <Form.Item
            name="grantId"
            label={t('sandbox.open.grant')}
            rules={[{ required: true, message: t('sandbox.open.grantRequired') }]}
          >
            <Select
              aria-label={t('sandbox.open.grant')}
              options={grantOptions ?? []}
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
        )}
        <Form.Item
          name="seats"
          label={t('sandbox.open.seats')}
          extra={t('sandbox.open.seatsHelp', { me: me.user.realName || me.user.loginName })}
          rules={[
            {
              validator: (_, v: string[] = []) =>
                v.length + seated.size + 1 > MAX_SEATS
                  ? Promise.reject(new Error(t('sandbox.open.tooMany', { max: MAX_SEATS })))
                  : Promise.resolve(),
            },
          ]}
        >
          <Select
            aria-label={t('sandbox.open.seats')}
            mode="multiple"
            loading={seats.loading}
            optionFilterProp="label"
            options={seats.options.filter((o) => o.value !== me.user.id && !seated.has(o.value))}
            placeholder={t('sandbox.open.seatsPlaceholder')}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={mut.error} />
    </Modal>
  );
}

/** The Grant page's workspace section: the Workspaces on this Grant, with the open / add-seat action (issue 14 blocking item). */
export function GrantWorkspaces({ grantId, grantState }: { grantId: string; grantState: string }) {
  const t = useT();
  const { me } = useSession();
  const rights = useWorkspaceRights();
  const q = useWorkspaces();
  const seats = useSeatOptions();
  const [open, setOpen] = useState(false);
  const rows = (q.data?.items ?? []).filter((w) => w.grantId === grantId);
  const own = rows.find((w) => w.holderOrgId === me.org.id && ['active', 'provisioning'].includes(w.status));
  const usable = grantState === 'active';
  const action = !usable
    ? null
    : own
      ? rights.canSeat && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('sandbox.open.addSeats')}
          </Button>
        )
      : rights.canOpen && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('sandbox.open.button')}
          </Button>
        );
  return (
    <Card size="small" title={t('sandbox.open.section')} extra={action}>
      {!usable && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('sandbox.open.needsActive')} />}
      {usable && own && own.seats.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('sandbox.open.noSeats')} />
      )}
      <Table<Workspace>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={rows}
        locale={{ emptyText: t('sandbox.open.none') }}
        columns={[
          {
            title: t('sandbox.workspaces.name'),
            dataIndex: 'nameZh',
            render: (v: string, r) => <Link to={`/sandbox/workspaces/${r.id}`}>{v}</Link>,
          },
          {
            title: t('sandbox.workspaces.views'),
            dataIndex: 'views',
            render: (v: Workspace['views']) => v.map((x) => x.name).join(t('sandbox.common.listSep')),
          },
          {
            title: t('sandbox.workspaces.seats'),
            dataIndex: 'seats',
            render: (s: Workspace['seats'], r) =>
              r.holderOrgId === me.org.id ? (
                <Space size={4} wrap>
                  {s.map((x) => (
                    <Typography.Text key={x.userId}>
                      {seats.names.get(x.userId) ?? t('sandbox.open.formerMember')}
                    </Typography.Text>
                  ))}
                </Space>
              ) : (
                s.length
              ),
          },
          {
            title: t('sandbox.workspaces.createdAt'),
            dataIndex: 'createdAt',
            render: (v?: string) => formatDateTime(v),
          },
          {
            title: t('sandbox.common.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag t={t} status={s} />,
          },
        ]}
      />
      <OpenWorkspaceModal open={open} onClose={() => setOpen(false)} grantId={grantId} existing={own} />
    </Card>
  );
}
