import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { identityApi, useOrgs, type Org, type OrgQuery } from '../api';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../../../layouts/session';
import { pageAllowed } from '../../types';
import {
  ACTOR_TYPES,
  actorLabel,
  CREATE_ORG_GATE,
  ORG_STATES,
  orgKindLabel,
  orgStateLabel,
  STATE_COLORS,
} from '../labels';
import { formatDateTime, formatDate } from '../../../utils/datetime';

const EXPORT_PAGE = 500;
const EXPORT_MAX = 10_000;

/** The filter lives in the URL so a list can be shared and survives reload. */
function useOrgQuery(): [OrgQuery, (patch: Partial<OrgQuery>) => void] {
  const [sp, setSp] = useSearchParams();
  const q: OrgQuery = {
    q: sp.get('q') ?? undefined,
    state: sp.get('state') ?? undefined,
    actor: ACTOR_TYPES.find((a) => a === sp.get('actor')),
    page: Number(sp.get('page') ?? 1),
    pageSize: Number(sp.get('pageSize') ?? 20),
  };
  const set = (patch: Partial<OrgQuery>) => {
    const next = { ...q, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && v !== null) out.set(k, String(v));
    setSp(out, { replace: true });
  };
  return [q, set];
}

/** Every row of the current filter, page by page (the Excel export is "what I filtered", not "what I see"). */
async function fetchAll(q: OrgQuery): Promise<Org[]> {
  const rows: Org[] = [];
  for (let page = 1; rows.length < EXPORT_MAX; page++) {
    const r = await identityApi.orgs({ ...q, page, pageSize: EXPORT_PAGE });
    rows.push(...r.items);
    if (r.items.length < EXPORT_PAGE || rows.length >= r.total) break;
  }
  return rows;
}

export default function OrgListPage() {
  const t = useT();
  const [q, setQ] = useOrgQuery();
  const orgs = useOrgs(q);
  const navigate = useNavigate();
  const canCreate = pageAllowed(CREATE_ORG_GATE, useSession().facts);

  const columns: TableColumnsType<Org> = useMemo(
    () => [
      {
        title: t('identity.orgList.colName'),
        dataIndex: 'nameZh',
        render: (v: string, r) => <Link to={`/orgs/${r.id}`}>{v}</Link>,
      },
      {
        title: t('identity.orgList.colUscc'),
        dataIndex: 'uscc',
        render: (v: string | null, r) => <Typography.Text code>{v ?? r.personIdMasked ?? '-'}</Typography.Text>,
      },
      { title: t('identity.orgList.colKind'), dataIndex: 'entityKind', render: (v: string) => orgKindLabel(t, v) },
      {
        title: t('identity.orgList.colJurisdiction'),
        dataIndex: 'jurisdictionNameZh',
        render: (v?: string) => v ?? '-',
      },
      {
        title: t('identity.orgList.colState'),
        dataIndex: 'state',
        render: (v: string) => <Tag color={STATE_COLORS[v]}>{orgStateLabel(t, v)}</Tag>,
      },
      { title: t('identity.orgList.colCreated'), dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
    ],
    [t],
  );

  const exportColumns: ExportColumn<Org>[] = [
    { header: t('identity.orgList.colName'), value: (r) => r.nameZh, width: 36 },
    { header: t('identity.orgList.colUscc'), value: (r) => r.uscc ?? r.personIdMasked, width: 24 },
    { header: t('identity.orgList.colKind'), value: (r) => orgKindLabel(t, r.entityKind) },
    { header: t('identity.orgList.colJurisdiction'), value: (r) => r.jurisdictionNameZh, width: 28 },
    { header: t('identity.orgList.colState'), value: (r) => orgStateLabel(t, r.state) },
    { header: t('identity.orgList.colCreated'), value: (r) => formatDateTime(r.createdAt), width: 18 },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('identity.orgList.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orgs/new')}>
              {t('identity.orgCreate.create')}
            </Button>
          )}
          <ExportExcelButton
            fileName={t('identity.orgList.exportName')}
            columns={exportColumns}
            rows={() => fetchAll({ q: q.q, state: q.state, actor: q.actor })}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('identity.orgList.searchLabel')}
          placeholder={t('identity.orgList.searchPlaceholder')}
          allowClear
          defaultValue={q.q}
          onSearch={(v) => setQ({ q: v || undefined })}
          style={{ width: 320 }}
          enterButton={t('app.common.search')}
        />
        <Select
          aria-label={t('identity.orgList.stateFilter')}
          placeholder={t('identity.orgList.stateFilter')}
          allowClear
          style={{ width: 160 }}
          value={q.state}
          onChange={(v) => setQ({ state: v })}
          options={ORG_STATES.map((s) => ({ value: s, label: orgStateLabel(t, s) }))}
        />
        <Select
          aria-label={t('identity.orgList.actorFilter')}
          placeholder={t('identity.orgList.actorFilter')}
          allowClear
          style={{ width: 180 }}
          value={q.actor}
          onChange={(v) => setQ({ actor: v })}
          options={ACTOR_TYPES.map((a) => ({ value: a, label: actorLabel(t, a) }))}
        />
      </Space>
      {orgs.isError ? (
        <QueryError error={orgs.error} />
      ) : (
        <Table<Org>
          rowKey="id"
          columns={columns}
          dataSource={orgs.data?.items}
          loading={orgs.isFetching}
          size="middle"
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: orgs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('app.common.total', { total }),
            onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
          }}
        />
      )}
    </Card>
  );
}
