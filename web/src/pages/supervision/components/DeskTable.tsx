import { useMemo, useState, type ReactNode } from 'react';
import { Card, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';

export interface DeskColumn<R> {
  key: string;
  title: string;
  /** The cell as text: shown, searched and exported (never a raw code: pass labels). */
  text: (r: R) => string;
  /** A richer cell (a link, a tag); defaults to the text. */
  render?: (r: R) => ReactNode;
  width?: number;
}

interface Props<R> {
  title: ReactNode;
  rows: R[];
  rowKey: (r: R) => string;
  columns: DeskColumn<R>[];
  loading?: boolean;
  error?: unknown;
  fileName: string;
  /** State filter: the row's state and its label. */
  state?: { of: (r: R) => string; label: (s: string) => string };
  /** Organization filter: the org's name on the row. */
  org?: (r: R) => string;
  extra?: ReactNode;
  size?: 'small' | 'middle';
}

/**
 * Every desk table (issue 16): filter by state, organization and free text, and export what the filter shows to
 * Excel with the same labelled columns as on screen.
 */
export function DeskTable<R>(p: Props<R>) {
  const t = useT();
  const [state, setState] = useState<string>();
  const [org, setOrg] = useState<string>();
  const [text, setText] = useState('');
  const shown = useMemo(
    () =>
      p.rows.filter(
        (r) =>
          (!state || p.state?.of(r) === state) &&
          (!org || p.org?.(r) === org) &&
          (!text || p.columns.some((c) => c.text(r).includes(text))),
      ),
    [p.rows, p.state, p.org, p.columns, state, org, text],
  );
  const states = p.state ? [...new Set(p.rows.map(p.state.of))] : [];
  const orgs = p.org ? [...new Set(p.rows.map(p.org))] : [];
  const exportColumns: ExportColumn<R>[] = p.columns.map((c) => ({ header: c.title, value: c.text, width: c.width }));
  const columns: ColumnsType<R> = p.columns.map((c) => ({
    key: c.key,
    title: c.title,
    render: (_: unknown, r: R) => (c.render ? c.render(r) : c.text(r)),
  }));
  return (
    <Card
      title={p.title}
      size={p.size === 'small' ? 'small' : undefined}
      extra={
        <Space wrap>
          {p.state && (
            <Select
              allowClear
              style={{ minWidth: 140 }}
              aria-label={t('supervision.common.state')}
              placeholder={t('supervision.common.allStates')}
              value={state}
              onChange={setState}
              options={states.map((s) => ({ value: s, label: p.state!.label(s) }))}
            />
          )}
          {p.org && (
            <Select
              allowClear
              style={{ minWidth: 180 }}
              aria-label={t('supervision.common.org')}
              placeholder={t('supervision.common.allOrgs')}
              value={org}
              onChange={setOrg}
              options={orgs.map((o) => ({ value: o, label: o }))}
            />
          )}
          <Input.Search
            aria-label={t('supervision.common.search')}
            allowClear
            style={{ width: 180 }}
            onSearch={setText}
            onChange={(e) => !e.target.value && setText('')}
          />
          <ExportExcelButton fileName={p.fileName} columns={exportColumns} rows={shown} />
          {p.extra}
        </Space>
      }
    >
      <ErrorAlert error={p.error} />
      <Table<R>
        rowKey={p.rowKey}
        size={p.size ?? 'middle'}
        loading={p.loading}
        dataSource={shown}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Card>
  );
}
