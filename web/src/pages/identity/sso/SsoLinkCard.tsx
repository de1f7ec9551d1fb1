import { Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useRemoveSsoLink, useSsoLinks, useSsoProviders, useStartSsoLink } from './api';

/** Account page: link this account to a jurisdiction's IdP account by signing in there once, or unlink (LGN-06). */
export function SsoLinkCard() {
  const t = useT();
  const { data } = useSsoProviders();
  const links = useSsoLinks();
  const link = useStartSsoLink();
  const remove = useRemoveSsoLink();
  if (!data?.items.length) return null;
  const names = new Map(data.items.map((p) => [p.divisionCode, p.jurisdictionNameZh]));
  return (
    <Card title={t('identity.sso.linkTitle')}>
      <Typography.Paragraph type="secondary">{t('identity.sso.linkExplain')}</Typography.Paragraph>
      <ErrorAlert error={link.error ?? remove.error} />
      {!!links.data?.items.length && (
        <List
          size="small"
          style={{ marginBottom: 16 }}
          dataSource={links.data.items}
          renderItem={(l) => (
            <List.Item
              actions={[
                <Popconfirm key="remove" title={t('identity.sso.unlinkConfirm')} onConfirm={() => remove.mutate(l.id)}>
                  <Button size="small" danger loading={remove.isPending && remove.variables === l.id}>
                    {t('identity.sso.unlink')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Space wrap>
                {l.divisionCodes.map((d) => (
                  <Tag color="blue" key={d}>
                    {names.get(d) ?? d}
                  </Tag>
                ))}
                <Typography.Text code>{l.subject}</Typography.Text>
                <Typography.Text type="secondary">
                  {t(l.method === 'self' ? 'identity.sso.linkedBySelf' : 'identity.sso.linkedByAdmin')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Space wrap>
        {data.items.map((p) => (
          <Button
            key={p.divisionCode}
            loading={link.isPending && link.variables === p.divisionCode}
            onClick={() => link.mutate(p.divisionCode)}
          >
            {t('identity.sso.linkButton', { name: p.jurisdictionNameZh })}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
