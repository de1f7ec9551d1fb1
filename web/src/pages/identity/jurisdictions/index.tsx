import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { PageSpinner } from '../../../layouts/PageElement';
import { useJurisdictions, useOrgs, type Jurisdiction, type Org } from '../api';
import { orgKindLabel, orgStateLabel, STATE_COLORS } from '../labels';

// The orgs list is filtered here by home jurisdiction; the server answers only what the user may read (IAM-10).
const ORG_PAGE = 500;
const LEVEL_COLORS: Record<string, string> = { national: 'red', province: 'volcano', city: 'blue', district: 'cyan' };

/** National → province → city → district, each node with its division code and profile; a node lists its orgs. */
export default function JurisdictionsPage() {
  const t = useT();
  const js = useJurisdictions();
  const orgs = useOrgs({ page: 1, pageSize: ORG_PAGE });
  const [selected, setSelected] = useState<string | null>(null);
  const tree = useMemo(() => buildTree(js.data?.items ?? [], (j) => <NodeTitle j={j} />), [js.data, t]);
  if (js.isPending) return <PageSpinner />;
  if (js.isError) return <QueryError error={js.error} />;
  const byId = new Map(js.data.items.map((j) => [j.id, j]));
  const node = selected ? byId.get(selected) : undefined;
  const here = (orgs.data?.items ?? []).filter((o) => o.homeJurisdictionId === selected);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card
          title={
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('identity.jurisdictions.title')}
            </Typography.Title>
          }
        >
          <Tree
            treeData={tree}
            defaultExpandAll
            showLine
            blockNode
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
            aria-label={t('identity.jurisdictions.title')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={node ? node.nameZh : t('identity.jurisdictions.pick')}>
          {!node ? (
            <Empty description={t('identity.jurisdictions.pickHint')} />
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Descriptions size="small" bordered column={2}>
                <Descriptions.Item label={t('identity.jurisdictions.level')}>
                  <Tag color={LEVEL_COLORS[node.level]}>{levelLabel(t, node.level)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('identity.jurisdictions.division')}>
                  <Typography.Text code>{node.divisionCode}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('identity.jurisdictions.profile')}>
                  {node.profileId ? (
                    <Typography.Text code>{node.profileId}</Typography.Text>
                  ) : (
                    t('identity.jurisdictions.inherits')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('identity.jurisdictions.parent')}>
                  {node.parentId ? (byId.get(node.parentId)?.nameZh ?? '-') : '-'}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('identity.jurisdictions.orgs', { n: here.length })}
              </Typography.Title>
              {orgs.isError ? (
                <QueryError error={orgs.error} />
              ) : (
                <Table<Org>
                  rowKey="id"
                  size="small"
                  loading={orgs.isPending}
                  dataSource={here}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: t('identity.jurisdictions.noOrgs') }}
                  columns={[
                    {
                      title: t('identity.orgList.colName'),
                      dataIndex: 'nameZh',
                      render: (v: string, r) => <Link to={`/orgs/${r.id}`}>{v}</Link>,
                    },
                    {
                      title: t('identity.orgList.colKind'),
                      dataIndex: 'entityKind',
                      render: (v: string) => orgKindLabel(t, v),
                    },
                    {
                      title: t('identity.orgList.colState'),
                      dataIndex: 'state',
                      render: (v: string) => <Tag color={STATE_COLORS[v]}>{orgStateLabel(t, v)}</Tag>,
                    },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function NodeTitle({ j }: { j: Jurisdiction }) {
  const t = useT();
  return (
    <Space size={6} wrap>
      <span>{j.nameZh}</span>
      <Tag color={LEVEL_COLORS[j.level]} style={{ marginInlineEnd: 0 }}>
        {levelLabel(t, j.level)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
        {j.divisionCode}
      </Typography.Text>
      {j.profileId && (
        <Tag color="purple" style={{ marginInlineEnd: 0 }}>
          {j.profileId}
        </Tag>
      )}
    </Space>
  );
}

function levelLabel(t: ReturnType<typeof useT>, level: string) {
  const v = t(`identity.jurisdictions.levelName.${level}`);
  return v.startsWith('identity.') ? level : v;
}

/** Parent links → nested nodes, children sorted by division code. Orphans (parent not visible) become roots. */
export function buildTree(items: Jurisdiction[], title: (j: Jurisdiction) => React.ReactNode): TreeDataNode[] {
  const ids = new Set(items.map((j) => j.id));
  const kids = new Map<string | null, Jurisdiction[]>();
  for (const j of items) {
    const p = j.parentId && ids.has(j.parentId) ? j.parentId : null;
    kids.set(p, [...(kids.get(p) ?? []), j]);
  }
  const build = (parent: string | null): TreeDataNode[] =>
    (kids.get(parent) ?? [])
      .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode))
      .map((j) => ({ key: j.id, title: title(j), children: build(j.id) }));
  return build(null);
}
