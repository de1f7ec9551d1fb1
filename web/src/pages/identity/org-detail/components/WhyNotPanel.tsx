import { Button, List, Popover, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import type { Org } from '../../api';
import { orgStateLabel } from '../../labels';

// Each ability the server reports, and the org state it needs (null: any state). Only this org's own facts
// are named, never another object (identity.md "Why can't I?").
const ACTIONS: { key: string; label: string; state: string | null }[] = [
  { key: 'verify', label: 'identity.orgDetail.verify', state: 'pending_verification' },
  { key: 'suspend', label: 'identity.orgDetail.suspend', state: 'active' },
  { key: 'reactivate', label: 'identity.orgDetail.reactivate', state: 'suspended' },
  { key: 'grantRole', label: 'identity.whyNot.grantRole', state: null },
  { key: 'manageMembers', label: 'identity.whyNot.manageMembers', state: null },
];

/** A small popover listing the actions hidden on this page because `abilities` said no, with the kind of reason. */
export function WhyNotPanel({ org }: { org: Org }) {
  const t = useT();
  const abilities = org.abilities ?? {};
  const missing = ACTIONS.filter((a) => abilities[a.key] === false);
  if (!missing.length) return null;
  const reason = (a: (typeof ACTIONS)[number]) =>
    a.state && org.state !== a.state
      ? t('identity.whyNot.state', { state: orgStateLabel(t, org.state), needed: orgStateLabel(t, a.state) })
      : t('identity.whyNot.permission');
  const content = (
    <div style={{ maxWidth: 360 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('identity.whyNot.intro')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={missing}
        renderItem={(a) => (
          <List.Item style={{ display: 'block' }}>
            <Typography.Text strong>{t(a.label)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{reason(a)}</Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
  return (
    <Popover content={content} title={t('identity.whyNot.title')} trigger="click" placement="bottomRight">
      <Button type="text" icon={<QuestionCircleOutlined />}>
        {t('identity.whyNot.button')}
      </Button>
    </Popover>
  );
}
