import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { actorLabel, roleLabel } from '../labels';
import { PasswordCard } from './components/PasswordCard';
import { TotpCard } from './components/TotpCard';
import { SsoLinkCard } from '../sso/SsoLinkCard';

/** My account: who I am and for which org, TOTP enrolment (LGN-04) and password change (LGN-02). */
export default function AccountPage() {
  const t = useT();
  const { me } = useSession();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('identity.account.title')}
          </Typography.Title>
        }
      >
        <Descriptions bordered size="middle" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('identity.orgDetail.memberLogin')}>
            <Typography.Text code>{me.user.loginName}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('identity.orgDetail.memberName')}>{me.user.realName || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('identity.account.org')}>{me.org.nameZh}</Descriptions.Item>
          <Descriptions.Item label={t('identity.account.actors')}>
            <Space size={[4, 4]} wrap>
              {me.actorRoles
                .filter((r) => r.status === 'active')
                .map((r) => (
                  <Tag color="blue" key={`${r.actor}:${r.jurisdictionId}`}>
                    {actorLabel(t, r.actor)}
                  </Tag>
                ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('identity.orgDetail.memberRoles')} span={2}>
            <Space size={[4, 4]} wrap>
              {me.roles.map((r) => (
                <Tag key={r}>{roleLabel(t, r)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TotpCard me={me} />
      <PasswordCard />
      <SsoLinkCard />
    </Space>
  );
}
