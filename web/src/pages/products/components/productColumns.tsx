import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from '../../../i18n/I18nProvider';
import type { ProductItem } from '../api';
import { STATE_COLORS, categoryLabel, formLabel, stateLabel } from '../labels';

/**
 * The columns every product table starts with (the operator's list and the review desk): the name opens the
 * dossier, with the product code beneath it; form, category and state as labels, never codes.
 */
export function productColumns(t: TFunction, open: (id: string) => void): TableColumnsType<ProductItem> {
  return [
    {
      title: t('products.col.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => open(r.id)}>
            {v}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('products.col.form'), dataIndex: 'form', render: (v: string) => formLabel(t, v) },
    { title: t('products.col.category'), dataIndex: 'category', render: (v: string) => categoryLabel(t, v) },
    {
      title: t('products.col.state'),
      dataIndex: 'state',
      render: (s: string) => <Tag color={STATE_COLORS[s]}>{stateLabel(t, s)}</Tag>,
    },
  ];
}
