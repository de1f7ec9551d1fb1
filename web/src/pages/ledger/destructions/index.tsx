import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Segmented, Table, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { fetchDestructions, useDestructions, type DestructionRecord, type DestructionState } from '../api';
import { DESTRUCTION_STATES, DestructionStateTag, destructionStateLabel } from '../labels';
import { formatDateTime } from '../../../utils/datetime';
import { memberOf } from '../../../i18n/labelled';

const when = (v: string | null) => formatDateTime(v, '');

/** The retention desk: every DestructionRecord the org may see, filtered by state, exported to Excel. */
export default function DestructionListPage() {
  const t = useT();
  const [state, setState] = useState<DestructionState | ''>('');
  const q = useDestructions(state || undefined);
  if (q.error) return <QueryError error={q.error} />;
  const method = (m: string) => t(`ledger.destruction.method.${m}`);
  const exportColumns: ExportColumn<DestructionRecord>[] = [
    { header: t('ledger.destruction.id'), value: (r) => r.id, width: 38 },
    {
      header: t('ledger.destruction.scope'),
      value: (r) => `${r.scope.objectType} × ${r.scope.objectIds.length}`,
      width: 20,
    },
    { header: t('ledger.destruction.description'), value: (r) => r.dataDescription, width: 40 },
    { header: t('ledger.destruction.methodLabel'), value: (r) => method(r.method), width: 16 },
    { header: t('ledger.destruction.objects'), value: (r) => r.deletedObjects.length },
    { header: t('ledger.destruction.executedAt'), value: (r) => when(r.executedAt), width: 18 },
    { header: t('ledger.destruction.stateLabel'), value: (r) => destructionStateLabel(t, r.state), width: 12 },
    {
      header: t('ledger.destruction.verification'),
      value: (r) => (r.verification ? t(`ledger.destruction.result.${r.verification.result}`) : ''),
      width: 12,
    },
  ];
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('ledger.destruction.title')}
        </Typography.Title>
      }
      extra={
        <ExportExcelButton
          fileName={t('ledger.destruction.exportName')}
          columns={exportColumns}
          rows={async () => (await fetchDestructions(state || undefined)).items}
        />
      }
    >
      <Segmented
        style={{ marginBottom: 16 }}
        value={state}
        onChange={(v) => setState(memberOf(DESTRUCTION_STATES, String(v)) ?? '')}
        options={(['', ...DESTRUCTION_STATES] as const).map((s) => ({
          value: s,
          label: s ? destructionStateLabel(t, s) : t('ledger.destruction.all'),
        }))}
      />
      <Table<DestructionRecord>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('ledger.destruction.id'),
            dataIndex: 'id',
            render: (v: string) => <Link to={`/ledger/destructions/${v}`}>{v.slice(0, 8)}</Link>,
          },
          {
            title: t('ledger.destruction.scope'),
            key: 'scope',
            render: (_, r) => `${r.scope.objectType} × ${r.scope.objectIds.length}`,
          },
          { title: t('ledger.destruction.description'), dataIndex: 'dataDescription', ellipsis: true },
          { title: t('ledger.destruction.methodLabel'), dataIndex: 'method', render: method },
          { title: t('ledger.destruction.objects'), key: 'n', render: (_, r) => r.deletedObjects.length },
          {
            title: t('ledger.destruction.executedAt'),
            dataIndex: 'executedAt',
            render: when,
            sorter: (a, b) => String(a.executedAt).localeCompare(String(b.executedAt)),
          },
          {
            title: t('ledger.destruction.stateLabel'),
            dataIndex: 'state',
            render: (s: string) => <DestructionStateTag t={t} state={s} />,
          },
        ]}
      />
    </Card>
  );
}
