import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../i18n/I18nProvider';
import { downloadBlob, timestampedName } from '../utils/download';
import { buildXlsx, type ExportColumn } from '../utils/xlsx';

export type { ExportColumn };

interface Props<R> {
  /** File name without extension; a timestamp is appended. */
  fileName: string;
  sheetName?: string;
  columns: ExportColumn<R>[];
  /** The rows to export, or a function fetching them (e.g. all pages of the current filter). */
  rows: R[] | (() => Promise<R[]>);
  disabled?: boolean;
}

/** Exports the given rows to .xlsx in the browser: `<ExportExcelButton fileName="orgs" columns={…} rows={data} />`. */
export function ExportExcelButton<R>({ fileName, sheetName, columns, rows, disabled }: Props<R>) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const data = typeof rows === 'function' ? await rows() : rows;
      if (!data.length) {
        void message.info(t('app.export.empty')); // a toast: nothing waits for it to close
        return;
      }
      downloadBlob(await buildXlsx(sheetName ?? fileName, columns, data), timestampedName(fileName, 'xlsx'));
      void message.success(t('app.export.done', { count: data.length })); // a toast: nothing waits for it to close
    } catch (e) {
      void message.error((e as Error).message); // a toast: nothing waits for it to close
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={onClick} loading={busy} disabled={disabled}>
      {t('app.export.button')}
    </Button>
  );
}
