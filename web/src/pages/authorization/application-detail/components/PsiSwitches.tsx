import { Card, Space, Switch, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';

export interface PsiPermissions {
  allowed: boolean;
  membership: boolean;
}

/**
 * PSI-01 (issue 19, decisions 0090/0091): the Grant's private-set-intersection switches, set with the approval.
 * PSI can be allowed only when the application asked for it (development method 隐私求交); membership (the buyer
 * learns which of its items matched) needs PSI, otherwise the buyer learns only the count.
 */
export function PsiSwitches({
  requested,
  value,
  onChange,
}: {
  requested: boolean;
  value: PsiPermissions;
  onChange: (v: PsiPermissions) => void;
}) {
  const t = useT();
  return (
    <Card size="small" title={t('authorization.psi.title')} style={{ marginTop: 16 }}>
      <Space direction="vertical" size={8}>
        <Space>
          <Switch
            aria-label={t('authorization.psi.allowed')}
            checked={value.allowed}
            disabled={!requested}
            onChange={(allowed) => onChange({ allowed, membership: allowed && value.membership })}
          />
          {t('authorization.psi.allowed')}
        </Space>
        <Space>
          <Switch
            aria-label={t('authorization.psi.membership')}
            checked={value.membership}
            disabled={!value.allowed}
            onChange={(membership) => onChange({ ...value, membership })}
          />
          {t('authorization.psi.membership')}
        </Space>
        <Typography.Text type="secondary">
          {t(requested ? 'authorization.psi.hint' : 'authorization.psi.notRequested')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
