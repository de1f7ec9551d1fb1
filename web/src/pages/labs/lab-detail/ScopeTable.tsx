import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { GradeTag, GrantStateTag } from '../../authorization/labels';
import { useGrants, useResource, type ScopeLine } from '../api';
import { supplyMethodLabel } from '../labels';

/** A scope line's resource and fields by name (the catalog's published entry). */
function ResourceCell({ line }: { line: ScopeLine }) {
  const t = useT();
  const r = useResource(line.dataResourceId);
  if (!r.data) return <span>{r.isLoading ? '…' : t('labs.scope.unknownResource')}</span>;
  const names = line.fieldIds.map((id) => r.data.fields.find((f) => f.id === id)?.nameZh ?? '-');
  return (
    <span>
      <Link to={`/catalog/resources/${r.data.id}`}>{r.data.nameZh}</Link>
      <br />
      {names.map((n) => (
        <Tag key={n}>{n}</Tag>
      ))}
    </span>
  );
}

/**
 * The data scope (LAB-12, LAB-13): per line the resource and fields, the initiator's classification, whether raw
 * data may be used, the supply method, its end, and the Grant the filing opened for it (scope order).
 */
export function ScopeTable({ lines, grantIds }: { lines: ScopeLine[]; grantIds: string[] }) {
  const t = useT();
  const grants = useGrants(grantIds);
  return (
    <Table<ScopeLine & { n: number }>
      rowKey="n"
      size="small"
      pagination={false}
      dataSource={lines.map((l, n) => ({ ...l, n }))}
      columns={[
        { title: t('labs.scope.resource'), render: (_, l) => <ResourceCell line={l} /> },
        { title: t('labs.scope.category'), render: (_, l) => l.classification.category || '-' },
        { title: t('labs.scope.grade'), render: (_, l) => <GradeTag grade={l.classification.grade} /> },
        {
          title: t('labs.scope.raw'),
          render: (_, l) => (
            <Tag color={l.rawAllowed ? 'orange' : 'default'}>
              {t(l.rawAllowed ? 'labs.scope.rawAllowed' : 'labs.scope.rawNotAllowed')}
            </Tag>
          ),
        },
        { title: t('labs.scope.supplyMethod'), render: (_, l) => supplyMethodLabel(t, l.supplyMethod) },
        { title: t('labs.scope.validTo'), render: (_, l) => formatDate(l.validTo) },
        {
          title: t('labs.scope.grant'),
          render: (_, l) => {
            const g = grants[l.n];
            if (!g) return '-';
            if (!g.grant) return <Link to={`/authorization/grants/${g.id}`}>{t('labs.scope.openGrant')}</Link>;
            return (
              <span>
                <Link to={`/authorization/grants/${g.id}`}>{g.grant.grantNo}</Link>{' '}
                <GrantStateTag state={g.grant.state} validFrom={g.grant.validFrom} />
              </span>
            );
          },
        },
      ]}
    />
  );
}
