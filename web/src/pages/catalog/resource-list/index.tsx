import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useResources, type ResourceItem, type ResourceQuery } from '../api';
import { memberOf } from '../../../i18n/labelled';
import {
  GRADE_COLORS,
  GRADES,
  OPEN_CLASSES,
  REG_STATUSES,
  STATE_COLORS,
  gradeLabel,
  openLabel,
  regLabel,
  stateLabel,
} from '../labels';
import { CreateResource } from './components/CreateResource';
import { ExcelImportExport } from './components/ExcelImportExport';

/** The filter lives in the URL (shareable, survives reload). */
function useResourceQuery(): [ResourceQuery, (p: Partial<ResourceQuery>) => void] {
  const [sp, setSp] = useSearchParams();
  const q: ResourceQuery = {
    q: sp.get('q') ?? undefined,
    grade: memberOf(GRADES, sp.get('grade')),
    openClass: memberOf(OPEN_CLASSES, sp.get('openClass')),
    registrationStatus: memberOf(REG_STATUSES, sp.get('registrationStatus')),
    page: Number(sp.get('page') ?? 1),
    pageSize: Number(sp.get('pageSize') ?? 20),
  };
  const set = (patch: Partial<ResourceQuery>) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page: 1, ...patch }))
      if (v !== undefined && v !== '') out.set(k, String(v));
    setSp(out, { replace: true });
  };
  return [q, set];
}

/** Catalog browser with Chinese search (CAT-09) and facets. */
export default function ResourceListPage() {
  const t = useT();
  const [q, setQ] = useResourceQuery();
  const list = useResources(q);
  const columns: TableColumnsType<ResourceItem> = useMemo(
    () => [
      {
        title: t('catalog.list.colName'),
        dataIndex: 'nameZh',
        render: (v: string, r) => (
          <Space direction="vertical" size={0}>
            <Link to={`/catalog/resources/${r.id}`}>{v}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.resourceCode}
            </Typography.Text>
          </Space>
        ),
      },
      { title: t('catalog.list.colUnit'), dataIndex: 'sourceUnitName' },
      {
        title: t('catalog.list.colGrade'),
        dataIndex: 'grade',
        render: (g: string | null, r) => (
          <Space size={2} wrap>
            <Tag color={g ? GRADE_COLORS[g] : undefined}>{gradeLabel(t, g)}</Tag>
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
        title: t('catalog.list.colRegistration'),
        dataIndex: 'registrationStatus',
        render: (v: string, r) => (
          <Space direction="vertical" size={0}>
            <span>{regLabel(t, v)}</span>
            {r.registrationCode && (
              <Typography.Text code style={{ fontSize: 12 }}>
                {r.registrationCode}
              </Typography.Text>
            )}
          </Space>
        ),
      },
      {
        title: t('catalog.list.colState'),
        dataIndex: 'state',
        render: (v: string) => <Tag color={STATE_COLORS[v]}>{stateLabel(t, v)}</Tag>,
      },
    ],
    [t],
  );
  const opts = (vals: readonly string[], label: (v: string) => string) =>
    vals.map((v) => ({ value: v, label: label(v) }));
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.list.title')}
        </Typography.Title>
      }
      extra={list.data?.abilities?.create && <CreateResource />}
    >
      <div style={{ marginBottom: 12 }}>
        <ExcelImportExport q={q} canImport={!!list.data?.abilities?.import} />
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('catalog.list.search')}
          placeholder={t('catalog.list.search')}
          allowClear
          defaultValue={q.q}
          onSearch={(v) => setQ({ q: v || undefined })}
          style={{ width: 360 }}
          enterButton={t('app.common.search')}
        />
        <Select
          aria-label={t('catalog.list.grade')}
          placeholder={t('catalog.list.grade')}
          allowClear
          style={{ width: 140 }}
          value={q.grade}
          onChange={(v) => setQ({ grade: v })}
          options={opts(GRADES, (v) => gradeLabel(t, v))}
        />
        <Select
          aria-label={t('catalog.list.openClass')}
          placeholder={t('catalog.list.openClass')}
          allowClear
          style={{ width: 150 }}
          value={q.openClass}
          onChange={(v) => setQ({ openClass: v })}
          options={opts(OPEN_CLASSES, (v) => openLabel(t, v))}
        />
        <Select
          aria-label={t('catalog.list.registration')}
          placeholder={t('catalog.list.registration')}
          allowClear
          style={{ width: 140 }}
          value={q.registrationStatus}
          onChange={(v) => setQ({ registrationStatus: v })}
          options={opts(REG_STATUSES, (v) => regLabel(t, v))}
        />
      </Space>
      {list.error ? (
        <QueryError error={list.error} />
      ) : (
        <Table
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isLoading}
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: list.data?.total,
            onChange: (page, pageSize) => setQ({ page, pageSize }),
          }}
        />
      )}
    </Card>
  );
}
