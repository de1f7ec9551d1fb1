import { Link } from 'react-router-dom';
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../../components/ExportExcelButton';
import { useT, type TFunction } from '../../../../i18n/I18nProvider';
import { formatDateTime } from '../../../../utils/datetime';
import { byClock, clockLevel, type Todo } from '../../todos';

const CLOCK_COLORS = { overdue: 'red', soon: 'orange', ok: 'blue', none: 'default' } as const;

/** The clock running on a to-do, in words: 已超期 2 天 / 剩余 3 天 / 今日到期 / 无时限. */
export function clockText(t: TFunction, dueAt: string | null): string {
  const { level, days } = clockLevel(dueAt);
  if (level === 'none' || days === null) return t('workbench.clock.none');
  if (days < 0) return t('workbench.clock.overdue', { days: -days });
  if (days === 0) return t('workbench.clock.today');
  return t('workbench.clock.left', { days });
}

export function ClockTag({ dueAt }: { dueAt: string | null }) {
  const t = useT();
  return <Tag color={CLOCK_COLORS[clockLevel(dueAt).level]}>{clockText(t, dueAt)}</Tag>;
}

/** "What waits for me": one row per to-do, soonest clock first, filter by kind, export to Excel. */
export function TodoTable({ title, todos, loading }: { title: string; todos: Todo[]; loading: boolean }) {
  const t = useT();
  const rows = byClock(todos);
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const columns: TableColumnsType<Todo> = [
    {
      title: t('workbench.todo.colKind'),
      dataIndex: 'kind',
      width: 170,
      render: (k: string) => <Tag color="geekblue">{t(`workbench.todo.kind.${k}`)}</Tag>,
      filters: kinds.map((k) => ({ text: t(`workbench.todo.kind.${k}`), value: k })),
      onFilter: (v, r) => r.kind === v,
    },
    {
      title: t('workbench.todo.colItem'),
      key: 'item',
      render: (_, r) => (
        <span>
          <Link to={r.href}>{r.title || (r.titleKey ? t(r.titleKey) : t('workbench.todo.untitled'))}</Link>
          {r.detail && <Typography.Text type="secondary"> · {r.detail}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('workbench.todo.colDue'),
      dataIndex: 'dueAt',
      width: 160,
      render: (v: string | null) => formatDateTime(v),
    },
    { title: t('workbench.todo.colClock'), key: 'clock', width: 130, render: (_, r) => <ClockTag dueAt={r.dueAt} /> },
    {
      title: t('workbench.todo.colAction'),
      key: 'go',
      width: 90,
      render: (_, r) => (
        <Link to={r.href} aria-label={`${t('workbench.todo.go')} ${r.title || (r.titleKey ? t(r.titleKey) : '')}`}>
          {t('workbench.todo.go')}
        </Link>
      ),
    },
  ];
  const exportColumns: ExportColumn<Todo>[] = [
    { header: t('workbench.todo.colKind'), value: (r) => t(`workbench.todo.kind.${r.kind}`), width: 18 },
    {
      header: t('workbench.todo.colItem'),
      value: (r) => [r.title || (r.titleKey ? t(r.titleKey) : ''), r.detail].filter(Boolean).join(' · '),
      width: 40,
    },
    { header: t('workbench.todo.colDue'), value: (r) => formatDateTime(r.dueAt, ''), width: 18 },
    { header: t('workbench.todo.colClock'), value: (r) => clockText(t, r.dueAt), width: 14 },
  ];
  return (
    <Card
      title={title}
      extra={
        <ExportExcelButton
          fileName={t('workbench.todo.exportName')}
          columns={exportColumns}
          rows={rows}
          disabled={!rows.length}
        />
      }
    >
      <Table<Todo>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('workbench.todo.empty')}</Typography.Text> }}
      />
    </Card>
  );
}
