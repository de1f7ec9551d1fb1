import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { EChart } from '../../../components/EChart';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { type DataAsset, type Valuation, useAssetValuations, useDataAsset } from './api';
import { assetLabel, blockValue, fieldLabel, yuan } from './format';

const BLOCKS = ['basic', 'rights', 'usage', 'management'] as const;
type Cost = NonNullable<DataAsset['accounting']>['costs'][number];

/** One of the card's four blocks (RA-25; 004:L3072–3074) as a description list. */
function Block({ t, title, block }: { t: TFunction; title: string; block: DataAsset['basic'] }) {
  const entries = Object.entries(block);
  return (
    <Card size="small" title={title}>
      {entries.length ? (
        <Descriptions size="small" column={1}>
          {entries.map(([k, v]) => (
            <Descriptions.Item key={k} label={fieldLabel(t, k)}>
              {blockValue(t, v)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rights.asset.emptyBlock')} />
      )}
    </Card>
  );
}

/** 资产备查簿: book status, authorization marks (RA-26), pledges (RA-28), destruction (RA-30). */
function MemoBook({ t, a }: { t: TFunction; a: DataAsset }) {
  return (
    <Card size="small" title={t('rights.asset.memoBook')}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('rights.asset.col.bookStatus')}>
          {assetLabel(t, 'bookStatus', a.bookStatus)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.asset.col.bookValue')}>{yuan(a.bookValueFen)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.asset.usageSyncedAt')}>
          {formatDateTime(a.usageSyncedAt)} {a.usageStale && <Tag color="red">{t('rights.asset.usageStale')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('rights.asset.marks')}</Typography.Title>
      <Table
        size="small"
        rowKey={(m) => `${m.grantRef}-${m.date}`}
        pagination={false}
        dataSource={a.marks}
        locale={{ emptyText: t('rights.asset.noMarks') }}
        columns={[
          { title: t('rights.asset.mark.rightType'), dataIndex: 'rightType', render: (v: string) => blockValue(t, v) },
          { title: t('rights.asset.mark.grantee'), dataIndex: 'grantee' },
          { title: t('rights.asset.mark.grantRef'), dataIndex: 'grantRef' },
          { title: t('rights.asset.mark.date'), dataIndex: 'date', render: (v: string) => formatDate(v) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rights.asset.encumbrances')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(e) => `${e.type}-${e.party}-${e.date}`}
        pagination={false}
        dataSource={a.encumbrances}
        locale={{ emptyText: t('rights.asset.noEncumbrances') }}
        columns={[
          { title: t('rights.asset.enc.type'), dataIndex: 'type', render: (v: string) => assetLabel(t, 'encType', v) },
          { title: t('rights.asset.enc.party'), dataIndex: 'party' },
          { title: t('rights.asset.mark.date'), dataIndex: 'date', render: (v: string) => formatDate(v) },
        ]}
      />
      {a.destruction && (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          message={t('rights.asset.destroyed', {
            date: formatDateTime(a.destruction.destroyedAt),
            approval: a.destruction.approvalRef,
            method: a.destruction.method,
          })}
        />
      )}
    </Card>
  );
}

/** 入表 classification (RA-35) and its cost lines (RA-36, RA-37). */
function Accounting({ t, a }: { t: TFunction; a: DataAsset }) {
  const acc = a.accounting;
  return (
    <Card size="small" title={t('rights.asset.accounting')}>
      {acc ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('rights.asset.col.class')}>
              {assetLabel(t, 'class', acc.class)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rights.asset.acquisitionMode')}>
              {assetLabel(t, 'mode', acc.acquisitionMode)}
            </Descriptions.Item>
            <Descriptions.Item label={t('rights.asset.capitalized')}>{yuan(acc.capitalizedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('rights.asset.expensed')}>{yuan(acc.expensedFen)}</Descriptions.Item>
          </Descriptions>
          <Table<Cost>
            size="small"
            rowKey={(c) => `${c.incurredOn}-${c.component}-${c.amountFen}`}
            pagination={false}
            dataSource={acc.costs}
            columns={[
              { title: t('rights.asset.cost.date'), dataIndex: 'incurredOn', render: (v: string) => formatDate(v) },
              {
                title: t('rights.asset.cost.component'),
                dataIndex: 'component',
                render: (v: string) => assetLabel(t, 'component', v),
              },
              { title: t('rights.asset.cost.amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
              {
                title: t('rights.asset.cost.treatment'),
                render: (_: unknown, c: Cost) =>
                  t(c.capitalize && !c.expensed ? 'rights.asset.capitalized' : 'rights.asset.expensed'),
              },
            ]}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rights.asset.notClassified')} />
      )}
    </Card>
  );
}

const amountOf = (v: Valuation) =>
  v.conclusionFen ?? (v.conclusionRange ? (v.conclusionRange.lowFen + v.conclusionRange.highFen) / 2 : null);

/** Valuation history (RA-29, RA-31): table and a line of the conclusions by base date. */
function Valuations({ t, id }: { t: TFunction; id: string }) {
  const q = useAssetValuations(id);
  const items = q.data?.items ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: items.map((v) => v.baseDate) },
      yAxis: { type: 'value', name: t('rights.asset.valuation.yuan') },
      series: [
        {
          type: 'line',
          name: t('rights.asset.valuation.conclusion'),
          data: items.map((v) => {
            const fen = amountOf(v);
            return fen === null ? null : fen / 100;
          }),
        },
      ],
    }),
    [items, t],
  );
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card size="small" title={t('rights.asset.valuations')}>
      {items.length ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <EChart option={option} height={240} ariaLabel={t('rights.asset.valuation.chart')} />
          <Table<Valuation>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            columns={[
              {
                title: t('rights.asset.valuation.baseDate'),
                dataIndex: 'baseDate',
                render: (v: string) => formatDate(v),
              },
              { title: t('rights.asset.valuation.purpose'), dataIndex: 'purpose' },
              {
                title: t('rights.asset.valuation.methods'),
                dataIndex: 'methods',
                render: (m: string[]) => m.map((x) => assetLabel(t, 'method', x)).join(t('rights.asset.sep')),
              },
              {
                title: t('rights.asset.valuation.conclusion'),
                align: 'right',
                render: (_: unknown, v: Valuation) =>
                  v.conclusionRange
                    ? `${yuan(v.conclusionRange.lowFen)} ~ ${yuan(v.conclusionRange.highFen)}`
                    : yuan(v.conclusionFen),
              },
              {
                title: t('rights.asset.valuation.signers'),
                render: (_: unknown, v: Valuation) => v.professionals.filter((p) => p.signed).length,
              },
              {
                title: t('rights.asset.valuation.validUntil'),
                dataIndex: 'validUntil',
                render: (v: string | null) => formatDate(v),
              },
              {
                title: t('rights.asset.valuation.state'),
                dataIndex: 'state',
                render: (s: string) => assetLabel(t, 'valuationState', s),
              },
            ]}
          />
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rights.asset.noValuations')} />
      )}
    </Card>
  );
}

/** One asset card: its four blocks, the memo book, the valuation history and the accounting classification. */
export default function AssetCardPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useDataAsset(id);
  if (q.error) return <QueryError error={q.error} />;
  const a = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={
        <Space>
          <Link to="/rights/assets">{t('rights.asset.title')}</Link>
          <span>/</span>
          <span>{a?.name}</span>
          {a?.isPublicDataAsset && <Tag color="blue">{t('rights.asset.publicTag')}</Tag>}
        </Space>
      }
    >
      {a && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            {BLOCKS.map((b) => (
              <Col key={b} xs={24} md={12} xl={6}>
                <Block t={t} title={t(`rights.asset.block.${b}`)} block={a[b]} />
              </Col>
            ))}
          </Row>
          <MemoBook t={t} a={a} />
          <Valuations t={t} id={a.id} />
          <Accounting t={t} a={a} />
        </Space>
      )}
    </Card>
  );
}
