import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useResources, type ResourceItem } from '../api';
import { ReviewDrawer } from '../components/ReviewDrawer';
import { GRADE_COLORS, gradeLabel, openLabel } from '../labels';

/** The authority's grading review: classified resources; each decision is taken on the full dossier (CLS-01, CLS-05). */
export default function GradingReviewPage() {
  const t = useT();
  const list = useResources({ state: 'classified', pageSize: 100 });
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.gradingReview.title')}
        </Typography.Title>
      }
    >
      <Table<ResourceItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        columns={[
          {
            title: t('catalog.list.colName'),
            dataIndex: 'nameZh',
            render: (v: string, r) => <Link to={`/catalog/resources/${r.id}`}>{v}</Link>,
          },
          { title: t('catalog.list.colUnit'), dataIndex: 'sourceUnitName' },
          {
            title: t('catalog.list.colGrade'),
            render: (_, r) => (
              <Space size={2}>
                <Tag color={r.grade ? GRADE_COLORS[r.grade] : undefined}>{gradeLabel(t, r.grade)}</Tag>
                {r.sensitivePersonalInfo ? (
                  <Tag color="magenta">{t('catalog.list.spi')}</Tag>
                ) : r.personalInfo ? (
                  <Tag color="purple">{t('catalog.list.pi')}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: t('catalog.list.colOpen'), dataIndex: 'openClass', render: (v: string) => openLabel(t, v) },
          {
            title: t('catalog.gradingReview.colUpdated'),
            dataIndex: 'updatedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('catalog.gradingReview.colAction'),
            render: (_, r) => (
              <Button
                size="small"
                type="primary"
                aria-label={`${t('catalog.gradingReview.open')} ${r.nameZh}`}
                onClick={() => setOpen(r.id)}
              >
                {t('catalog.gradingReview.open')}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
