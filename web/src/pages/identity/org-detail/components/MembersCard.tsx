import { useState, type ReactNode } from 'react';
import { App, Button, Card, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../../../api/request';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { useSession } from '../../../../layouts/session';
import { useMembers, useSetMemberRoles, type Member } from '../../api';
import { memberStateLabel, ORG_ROLES, roleLabel, STATE_COLORS } from '../../labels';

/** Members with their org roles; editing only where the server says `manageMembers`, never one's own row (IAM self-action). */
export function MembersCard({ orgId, canManage, extra }: { orgId: string; canManage: boolean; extra?: ReactNode }) {
  const t = useT();
  const { me } = useSession();
  const members = useMembers(orgId);
  const [editing, setEditing] = useState<Member | null>(null);
  const hidden = members.error instanceof ApiError && [403, 404].includes(members.error.status);
  return (
    <Card title={t('identity.orgDetail.members')} extra={extra}>
      {hidden ? (
        <Typography.Text type="secondary">{t('identity.orgDetail.membersHidden')}</Typography.Text>
      ) : (
        <>
          {members.isError && <ErrorAlert error={members.error} />}
          <Table<Member>
            rowKey="id"
            size="small"
            loading={members.isPending}
            dataSource={members.data?.items}
            pagination={false}
            columns={[
              {
                title: t('identity.orgDetail.memberLogin'),
                dataIndex: 'loginName',
                render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
              },
              { title: t('identity.orgDetail.memberName'), dataIndex: 'realName' },
              {
                title: t('identity.orgDetail.memberRoles'),
                dataIndex: 'roles',
                render: (rs: string[]) => (
                  <Space size={[4, 4]} wrap>
                    {rs.map((r) => (
                      <Tag key={r}>{roleLabel(t, r)}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('identity.orgDetail.memberState'),
                dataIndex: 'state',
                render: (v: string) => <Tag color={STATE_COLORS[v]}>{memberStateLabel(t, v)}</Tag>,
              },
              {
                title: t('identity.orgDetail.memberNda'),
                dataIndex: 'ndaOnFile',
                render: (v: boolean) => (v ? t('app.common.yes') : t('app.common.no')),
              },
              ...(canManage
                ? [
                    {
                      title: t('app.common.actions'),
                      key: 'actions',
                      render: (_: unknown, m: Member) =>
                        m.userId === me.user.id ? null : (
                          <Button size="small" onClick={() => setEditing(m)}>
                            {t('identity.orgDetail.memberEdit')}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {editing && <RolesModal orgId={orgId} member={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function RolesModal({ orgId, member, onClose }: { orgId: string; member: Member; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSetMemberRoles(orgId);
  const [roles, setRoles] = useState<string[]>(member.roles);
  const onOk = () =>
    save.mutate(
      { memberId: member.id, roles, version: member.version },
      {
        onSuccess: () => {
          void message.success(t('identity.orgDetail.rolesSaved')); // a toast: nothing waits for it to close
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('identity.orgDetail.memberEditTitle', { name: member.realName || member.loginName })}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('app.common.save')}
      cancelText={t('app.common.cancel')}
    >
      <ErrorAlert error={save.error} />
      <Checkbox.Group
        value={roles}
        onChange={(v) => setRoles(v as string[])}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
        options={ORG_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
      />
    </Modal>
  );
}
