import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { assetApi, type DataAsset, type DataAssetQuery, useDataAssets } from './api';
import { assetLabel, yuan } from './format';

const BOOK_STATUSES = ['candidate', 'memo_book', 'carded', 'destroyed'] as const;
const CLASSES = ['intangible', 'inventory', 'development_expenditure', 'expensed', 'unrecognized', 'out_of_scope'];
const STATUS_COLOR: Record<string, string> = {
  carded: 'green',
  memo_book: 'gold',
  candidate: 'blue',
  destroyed: 'default',
};

/**
 * The asset register (rights-assets.md "DataAsset", "Accounting"): the holder's cards with book status,
 * 入表 class and book value, filtered and exported; the disclosure tables as the server's Excel.
 */
export default function AssetRegisterPage() {
  const t = useT();
  const [q, setQ] = useState<DataAssetQuery>({ page: 1, pageSize: 20 });
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useDataAssets(q);
  const set = (patch: Partial<DataAssetQuery>) => setQ((old) => ({ ...old, ...patch, page: 1 }));
  const columns = [
    {
      title: t('rights.asset.col.name'),
      dataIndex: 'name',
      render: (_: string, a: DataAsset) => <Link to={`/rights/assets/${a.id}`}>{a.name}</Link>,
    },
    {
      title: t('rights.asset.col.bookStatus'),
      dataIndex: 'bookStatus',
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{assetLabel(t, 'bookStatus', s)}</Tag>,
    },
    {
      title: t('rights.asset.col.class'),
      render: (_: unknown, a: DataAsset) => assetLabel(t, 'class', a.accounting?.class),
    },
    {
      title: t('rights.asset.col.public'),
      dataIndex: 'isPublicDataAsset',
      render: (v: boolean) => t(v ? 'rights.asset.yes' : 'rights.asset.no'),
    },
    { title: t('rights.asset.col.bookValue'), dataIndex: 'bookValueFen', align: 'right' as const, render: yuan },
    { title: t('rights.asset.col.marks'), render: (_: unknown, a: DataAsset) => a.marks.length },
    { title: t('rights.asset.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
  ];
  const exportColumns: ExportColumn<DataAsset>[] = [
    { header: t('rights.asset.col.name'), value: (a) => a.name, width: 30 },
    { header: t('rights.asset.col.bookStatus'), value: (a) => assetLabel(t, 'bookStatus', a.bookStatus), width: 12 },
    { header: t('rights.asset.col.class'), value: (a) => assetLabel(t, 'class', a.accounting?.class), width: 14 },
    {
      header: t('rights.asset.col.public'),
      value: (a) => t(a.isPublicDataAsset ? 'rights.asset.yes' : 'rights.asset.no'),
    },
    { header: t('rights.asset.col.bookValueYuan'), value: (a) => a.bookValueFen / 100, width: 16 },
    { header: t('rights.asset.col.marks'), value: (a) => a.marks.length },
    { header: t('rights.asset.col.createdAt'), value: (a) => formatDate(a.createdAt), width: 14 },
  ];
  const allRows = async () => (await assetApi.list({ ...q, page: 1, pageSize: 200 })).items;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rights.asset.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <ExportExcelButton fileName={t('rights.asset.title')} columns={exportColumns} rows={allRows} />
          <Select<number>
            aria-label={t('rights.asset.year')}
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[0, 1, 2].map((d) => {
              const y = new Date().getFullYear() - d;
              return { value: y, label: t('rights.asset.yearLabel', { year: y }) };
            })}
          />
          <Button icon={<FileExcelOutlined />} href={assetApi.disclosuresUrl(year)}>
            {t('rights.asset.disclosures')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('rights.asset.search')}
          placeholder={t('rights.asset.search')}
          onSearch={(v) => set({ q: v || undefined })}
          style={{ width: 240 }}
        />
        <Select<string>
          allowClear
          aria-label={t('rights.asset.col.bookStatus')}
          placeholder={t('rights.asset.col.bookStatus')}
          style={{ width: 160 }}
          onChange={(v) => set({ bookStatus: v as DataAssetQuery['bookStatus'] })}
          options={BOOK_STATUSES.map((s) => ({ value: s, label: assetLabel(t, 'bookStatus', s) }))}
        />
        <Select<string>
          allowClear
          aria-label={t('rights.asset.col.class')}
          placeholder={t('rights.asset.col.class')}
          style={{ width: 160 }}
          onChange={(v) => set({ accountingClass: v })}
          options={CLASSES.map((c) => ({ value: c, label: assetLabel(t, 'class', c) }))}
        />
        <Select<string>
          allowClear
          aria-label={t('rights.asset.col.public')}
          placeholder={t('rights.asset.col.public')}
          style={{ width: 160 }}
          onChange={(v) => set({ isPublicDataAsset: v as DataAssetQuery['isPublicDataAsset'] })}
          options={[
            { value: 'true', label: t('rights.asset.publicOnly') },
            { value: 'false', label: t('rights.asset.privateOnly') },
          ]}
        />
      </Space>
      {list.error ? (
        <QueryError error={list.error} />
      ) : (
        <Table<DataAsset>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (page, pageSize) => setQ((old) => ({ ...old, page, pageSize })),
          }}
        />
      )}
    </Card>
  );
}
