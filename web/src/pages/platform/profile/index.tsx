import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Input, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { PageSpinner } from '../../../layouts/PageElement';
import { useProfile, type ProfileParam } from '../api';
import { OverrideModal } from './components/OverrideModal';

interface GroupRow {
  rowKey: string;
  group: string;
  children: ParamRow[];
}
interface ParamRow extends ProfileParam {
  rowKey: string;
}
type Row = GroupRow | ParamRow;
const isGroup = (r: Row): r is GroupRow => 'children' in r;

const show = (v: unknown) => (v === null ? 'null' : JSON.stringify(v));
/** A value as read on the page: codes inside it that have a label (platform.value.*) read as words (issue 14). */
const shown = (t: TFunction, v: unknown) =>
  show(v).replace(/\b[a-z]+_[a-z_]+\b/g, (code) => {
    const key = `platform.value.${code}`;
    return t(key) === key ? code : t(key);
  });
const prefixOf = (key: string) => key.split('.')[0]!;

/** The deployment's effective profile parameters (architecture §5), grouped by key prefix; sys_admin may override one. */
export default function ProfilePage() {
  const t = useT();
  const profile = useProfile();
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<ProfileParam | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  // Coarse: the server decides (profile.override: sys_admin of the platform org, PRF-01).
  const canOverride = me.roles.includes('sys_admin');

  const groups = useMemo<GroupRow[]>(() => {
    const needle = q.trim().toLowerCase();
    const by = new Map<string, ParamRow[]>();
    for (const p of profile.data?.params ?? []) {
      if (needle && !p.key.toLowerCase().includes(needle) && !show(p.value).toLowerCase().includes(needle)) continue;
      const g = prefixOf(p.key);
      by.set(g, [...(by.get(g) ?? []), { ...p, rowKey: p.key }]);
    }
    return [...by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, rows]) => ({
        rowKey: `group:${group}`,
        group,
        children: rows.sort((a, b) => a.key.localeCompare(b.key)),
      }));
  }, [profile.data, q]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('platform.profile.colKey'),
      key: 'key',
      width: '38%',
      render: (_, r) =>
        isGroup(r) ? (
          <Space>
            <Typography.Text strong>{r.group}.</Typography.Text>
            <Tag>{t('platform.profile.groupCount', { n: r.children.length })}</Tag>
          </Space>
        ) : (
          <Space size={4}>
            <Typography.Text code copyable={{ text: r.key }}>
              {r.key}
            </Typography.Text>
            {r.overridden && <Tag color="orange">{t('platform.profile.overridden')}</Tag>}
          </Space>
        ),
    },
    {
      title: t('platform.profile.colValue'),
      key: 'value',
      render: (_, r) =>
        isGroup(r) ? null : <Typography.Text strong={r.overridden}>{shown(t, r.value)}</Typography.Text>,
    },
    {
      title: t('platform.profile.colBase'),
      key: 'base',
      render: (_, r) => (isGroup(r) ? null : <Typography.Text type="secondary">{shown(t, r.base)}</Typography.Text>),
    },
    ...(canOverride
      ? [
          {
            title: t('app.common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, r: Row) =>
              isGroup(r) ? null : (
                <Tooltip title={t('platform.profile.overrideHint')}>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('platform.profile.overrideLabel', { key: r.key })}
                    onClick={() => setEditing(r)}
                  >
                    {t('platform.profile.override')}
                  </Button>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  const exportColumns: ExportColumn<ProfileParam>[] = [
    { header: t('platform.profile.colKey'), value: (r) => r.key, width: 40 },
    { header: t('platform.profile.colValue'), value: (r) => show(r.value), width: 30 },
    { header: t('platform.profile.colBase'), value: (r) => show(r.base), width: 30 },
    {
      header: t('platform.profile.overridden'),
      value: (r) => (r.overridden ? t('app.common.yes') : t('app.common.no')),
    },
  ];

  if (profile.isPending) return <PageSpinner />;
  if (profile.isError) return <QueryError error={profile.error} />;
  const p = profile.data;
  const defs = new Map(p.profiles.map((d) => [d.id, d]));
  const overriddenCount = p.params.filter((x) => x.overridden).length;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('platform.profile.title')}
          </Typography.Title>
        }
        extra={
          <ExportExcelButton fileName={t('platform.profile.exportName')} columns={exportColumns} rows={p.params} />
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('platform.profile.id')}>
            <Typography.Text code>{p.id}</Typography.Text> {defs.get(p.id)?.nameZh}
          </Descriptions.Item>
          <Descriptions.Item label={t('platform.profile.version')}>{p.version ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('platform.profile.overriddenCount')}>{overriddenCount}</Descriptions.Item>
          <Descriptions.Item label={t('platform.profile.chain')} span={3}>
            <Space wrap>
              {p.chain.map((id, i) => (
                <span key={id}>
                  {i > 0 && <Typography.Text type="secondary">{' → '}</Typography.Text>}
                  <Tooltip title={defs.get(id)?.source}>
                    <Tag color={i === 0 ? 'blue' : 'default'}>
                      {id} · {defs.get(id)?.nameZh ?? id}
                    </Tag>
                  </Tooltip>
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Input.Search
          allowClear
          aria-label={t('platform.profile.search')}
          placeholder={t('platform.profile.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 360 }}
        />
        <Space style={{ margin: '0 0 16px 12px' }}>
          <Button size="small" onClick={() => setCollapsed(new Set())}>
            {t('platform.profile.expandAll')}
          </Button>
          <Button size="small" onClick={() => setCollapsed(new Set(groups.map((g) => g.rowKey)))}>
            {t('platform.profile.collapseAll')}
          </Button>
        </Space>
        <Table<Row>
          rowKey="rowKey"
          size="small"
          columns={columns}
          dataSource={groups}
          pagination={false}
          expandable={{
            expandedRowKeys: groups.map((g) => g.rowKey).filter((k) => !collapsed.has(k)),
            onExpand: (open, r) =>
              setCollapsed((c) => {
                const n = new Set(c);
                if (open) n.delete(r.rowKey);
                else n.add(r.rowKey);
                return n;
              }),
          }}
          onRow={(r) => (isGroup(r) ? { style: { background: '#fafafa' } } : {})}
        />
      </Card>
      {editing && <OverrideModal param={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
