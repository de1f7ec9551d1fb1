import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, List, Space, Table, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { docxUrl, useAgreement, useWizardCatalog, type CatalogEntry } from '../api';
import { formatDate } from '../../../utils/datetime';
import { StateTag } from '../labels';

export default function AgreementDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useAgreement(id);
  // Field names for the catalog's field codes (issue 14: no pinyin codes on a page).
  const names = useWizardCatalog(id);
  const fieldName = (resourceId: string, code: string) =>
    names.data?.resources.find((r) => r.resourceId === resourceId)?.fields.find((f) => f.code === code)?.nameZh ?? code;
  if (q.error) return <QueryError error={q.error} />;
  const a = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {a?.title}
        </Typography.Title>
      }
      extra={
        <Button icon={<FileWordOutlined />} href={docxUrl.agreement(id)}>
          {t('authorization.agreements.exportDraft')}
        </Button>
      }
    >
      {a && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('authorization.agreements.no')}>{a.agreementNo}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.common.state')}>
              <StateTag state={a.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.agreements.operator')}>
              {a.operatorName ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.common.validity')}>
              {a.validFrom ? `${formatDate(a.validFrom)} ~ ${formatDate(a.validTo)}` : '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.agreements.method')}>
              {a.selection?.method ? t(`authorization.selection.${a.selection.method}`) : '-'}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('authorization.agreements.catalog')}>
            <Table<CatalogEntry>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={a.catalog}
              columns={[
                { title: t('authorization.common.resource'), dataIndex: 'resourceNameZh' },
                { title: t('authorization.agreements.sourceUnit'), dataIndex: 'sourceUnitName' },
                {
                  title: t('authorization.common.field'),
                  dataIndex: 'fieldCodes',
                  render: (v: string[], e) =>
                    v.map((c) => fieldName(e.resourceId, c)).join(t('authorization.common.sep')),
                },
                {
                  title: t('authorization.common.state'),
                  dataIndex: 'state',
                  render: (s: string) => <StateTag state={s} />,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('authorization.agreements.obligations')}>
            <List
              size="small"
              dataSource={a.obligations}
              renderItem={(o) => (
                <List.Item>
                  {t(`authorization.obligation.${o.code}`)} ·{' '}
                  {t('authorization.agreements.everyMonths', { n: o.everyMonths })} · {formatDate(o.from)}
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </Card>
  );
}
