import { Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';

export default function Page() {
  const t = useT();
  return <Typography.Title level={3}>{t('identity.dashboard.title')}</Typography.Title>;
}
