import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space } from 'antd';
import { CopyOutlined, UserAddOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { useInviteMember, type Invitation, type InviteInput } from '../../api';
import { ORG_ROLES, roleLabel } from '../../labels';
import { formatDateTime } from '../../../../utils/datetime';

/** org_admin invites a person; the one-time link is shown once and lives 72 h (identity.md User `invited`). */
export function InviteMemberButton({ orgId }: { orgId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
        {t('identity.invite.button')}
      </Button>
      {open && <InviteModal orgId={orgId} onClose={() => setOpen(false)} />}
    </>
  );
}

function InviteModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const invite = useInviteMember(orgId);
  const [form] = Form.useForm<InviteInput>();
  const [done, setDone] = useState<Invitation | null>(null);
  const onOk = async () => {
    if (done) return onClose();
    const v = await form.validateFields();
    invite.mutate({ ...v, mobile: v.mobile || undefined, email: v.email || undefined }, { onSuccess: setDone });
  };
  const link = done ? `${window.location.origin}/invite/${done.invitationToken}` : '';
  return (
    <Modal
      open
      title={t('identity.invite.modalTitle')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={invite.isPending}
      destroyOnHidden
      okText={done ? t('app.common.close') : t('identity.invite.send')}
      cancelText={t('app.common.cancel')}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
    >
      {done ? (
        <>
          <Alert
            type="warning"
            showIcon
            message={t('identity.invite.linkOnce')}
            description={t('identity.invite.linkExpires', { at: formatDateTime(done.expiresAt) })}
            style={{ marginBottom: 16 }}
          />
          <Space.Compact style={{ width: '100%' }}>
            <Input
              readOnly
              value={link}
              data-testid="invite-link"
              aria-label={t('identity.invite.link')}
              style={{ fontFamily: 'monospace' }}
              onFocus={(e) => e.target.select()}
            />
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard?.writeText(link).then(() => message.success(t('identity.invite.copied')))
              }
            >
              {t('identity.apiKeys.copy')}
            </Button>
          </Space.Compact>
        </>
      ) : (
        <>
          <ErrorAlert error={invite.error} />
          <Form form={form} layout="vertical" initialValues={{ roles: ['member'] }} name="invite-member">
            <Form.Item
              name="loginName"
              label={t('identity.orgDetail.memberLogin')}
              extra={t('identity.invite.loginHelp')}
              rules={[
                { required: true, pattern: /^[a-z][a-z0-9._-]{2,31}$/, message: t('identity.invite.loginInvalid') },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="realName"
              label={t('identity.orgDetail.memberName')}
              rules={[{ required: true, whitespace: true, message: t('identity.orgCreate.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="mobile"
              label={t('identity.invite.mobile')}
              rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('identity.orgCreate.mobileInvalid') }]}
            >
              <Input inputMode="tel" maxLength={11} />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('identity.invite.email')}
              rules={[{ type: 'email', message: t('identity.invite.emailInvalid') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="roles"
              label={t('identity.orgDetail.memberRoles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('identity.invite.rolesRequired') }]}
            >
              <Checkbox.Group
                style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
                options={ORG_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
