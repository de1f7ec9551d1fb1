import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { type CheckLine, type ProductDetail, useBoundService } from '../api';
import {
  STATE_COLORS,
  categoryLabel,
  checkLabel,
  checkResultLabel,
  deliveryLabel,
  formLabel,
  reviewStateLabel,
  stateLabel,
} from '../labels';

const RESULT_COLORS: Record<string, string> = { pass: 'green', fail: 'red', n_a: 'default' };

/** A product's whole file as reviewers and its operator see it: facts, fields, and the latest CR-1…CR-9 checklist. */
export function ProductDossier({ d }: { d: ProductDetail }) {
  const t = useT();
  const review = d.reviews[0];
  const service = useBoundService(d.serviceId);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={2} title={t('products.dossier.facts')}>
        <Descriptions.Item label={t('products.col.code')}>{d.code}</Descriptions.Item>
        <Descriptions.Item label={t('products.col.state')}>
          <Tag color={STATE_COLORS[d.state]}>{stateLabel(t, d.state)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('products.col.form')}>{formLabel(t, d.form)}</Descriptions.Item>
        <Descriptions.Item label={t('products.col.category')}>{categoryLabel(t, d.category)}</Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.version')}>{d.productVersion}</Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.grade')}>{t(`products.grade.${d.maxGrade}`)}</Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.personalInfo')}>
          {t(`products.personalInfo.${d.personalInfo}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.freeData')}>
          {t(d.builtFromFreeData ? 'products.common.yes' : 'products.common.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.page.delivery')} span={2}>
          {d.deliveryModes.map((m) => (
            <Tag key={m}>{deliveryLabel(t, m)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.fields')} span={2}>
          {d.fieldsUsed.join(t('products.common.sep'))}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.dossier.grants')}>
          {t('products.dossier.grantCount', { n: d.grantIds.length })}
        </Descriptions.Item>
        <Descriptions.Item label={t('products.page.validTo')}>{formatDate(d.validTo)}</Descriptions.Item>
        {d.serviceId && (
          <Descriptions.Item label={t('products.dossier.service')} span={2}>
            {service.data?.nameZh ?? (service.isLoading ? '…' : t('products.dossier.serviceUnknown'))}
          </Descriptions.Item>
        )}
        {d.description && (
          <Descriptions.Item label={t('products.dossier.description')} span={2}>
            {d.description}
          </Descriptions.Item>
        )}
      </Descriptions>
      {review ? (
        <Table<CheckLine>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={review.items}
          title={() => (
            <Space>
              <Typography.Text strong>{t('products.dossier.checklist')}</Typography.Text>
              <Tag color={STATE_COLORS[review.state]}>{reviewStateLabel(t, review.state)}</Tag>
              {review.reason && <Typography.Text type="secondary">{review.reason}</Typography.Text>}
            </Space>
          )}
          columns={[
            { title: t('products.dossier.item'), dataIndex: 'code', render: (c: string) => checkLabel(t, c) },
            {
              title: t('products.dossier.result'),
              dataIndex: 'result',
              // A reviewer's line not yet checked is waiting, whatever result the open checklist holds.
              render: (r: string, line) =>
                !line.automatic && !line.checkedAt ? (
                  <Tag color="warning">{t('products.dossier.pending')}</Tag>
                ) : (
                  <Tag color={RESULT_COLORS[r]}>{checkResultLabel(t, r)}</Tag>
                ),
            },
            {
              title: t('products.dossier.how'),
              dataIndex: 'automatic',
              render: (a: boolean) => t(a ? 'products.dossier.automatic' : 'products.dossier.manual'),
            },
            {
              title: t('products.dossier.note'),
              key: 'note',
              render: (_: unknown, r) =>
                [r.note, r.minK !== null ? t('products.dossier.minK', { k: r.minK }) : null]
                  .filter(Boolean)
                  .join(t('products.common.sep')) || '-',
            },
            {
              title: t('products.dossier.evidence'),
              dataIndex: 'evidenceFileIds',
              render: (e: string[]) => (e.length ? t('products.dossier.evidenceCount', { n: e.length }) : '-'),
            },
            {
              title: t('products.dossier.checkedAt'),
              dataIndex: 'checkedAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      ) : (
        <Empty description={t('products.dossier.noReview')} />
      )}
    </Space>
  );
}
