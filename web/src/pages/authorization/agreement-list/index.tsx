import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useAgreements, type AgreementItem } from '../api';
import { StateTag } from '../labels';
import { formatDate } from '../../../utils/datetime';

export default function AgreementListPage() {
  const t = useT();
  const q = useAgreements({ pageSize: 50 });
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('authorization.agreements.title')}
        </Typography.Title>
      }
    >
      <Table<AgreementItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('authorization.agreements.no'),
            dataIndex: 'agreementNo',
            render: (v: string, r) => <Link to={`/authorization/agreements/${r.id}`}>{v}</Link>,
          },
          { title: t('authorization.agreements.name'), dataIndex: 'title' },
          { title: t('authorization.agreements.operator'), dataIndex: 'operatorName' },
          {
            title: t('authorization.common.validity'),
            render: (_: unknown, r) => (r.validFrom ? `${formatDate(r.validFrom)} ~ ${formatDate(r.validTo)}` : '-'),
          },
          { title: t('authorization.common.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
        ]}
      />
    </Card>
  );
}
