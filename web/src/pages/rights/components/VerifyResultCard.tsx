import { Alert, List, Space, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import type { VerifyResult } from '../api';
import { label } from '../labels';

/** The server's verdict (RA-23): 通过/不通过, the status as of the checkpoint time, and each check in the reader's language. */
export function VerifyResultCard({ result }: { result: VerifyResult }) {
  const { t, lang } = useI18n();
  const verdict = t(result.ok ? 'rights.verify.passed' : 'rights.verify.failed');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={result.ok ? 'success' : 'error'}
        showIcon
        message={<strong>{t('rights.verify.resultTitle', { result: verdict })}</strong>}
        description={
          result.status
            ? t('rights.verify.asOf', {
                time: formatDateTime(result.statusAsOf),
                status: label(t, 'certStatus', result.status),
              })
            : undefined
        }
      />
      <List
        size="small"
        header={<Typography.Text strong>{t('rights.verify.checks')}</Typography.Text>}
        dataSource={result.checks}
        renderItem={(c) => (
          <List.Item>
            <Space>
              {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
              {lang === 'zh-CN' ? c.zh : c.en}
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
