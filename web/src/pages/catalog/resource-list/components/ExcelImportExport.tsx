import { useState } from 'react';
import { App, Button, Progress, Space, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../../api/request';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { downloadBlob, timestampedName } from '../../../../utils/download';
import { catalogApi, catalogKeys, importCatalog, type ResourceQuery } from '../../api';

const b64ToBlob = (b64: string) =>
  new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });

/** The catalog as Excel: export the current filter; import all-or-nothing with the error workbook on refusal (catalog.md scenario 12). */
export function ExcelImportExport({ q, canImport }: { q: ResourceQuery; canImport: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const doExport = async () => {
    setBusy(true);
    setError(null);
    try {
      downloadBlob(await catalogApi.exportCatalog(q), timestampedName(t('catalog.excel.fileName'), 'xlsx'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const doImport = async (file: File) => {
    setError(null);
    setPct(0);
    try {
      const r = await importCatalog(file, setPct);
      void message.success(t('catalog.excel.imported', { n: r.created })); // a toast: nothing waits for it to close
      await qc.invalidateQueries({ queryKey: catalogKeys.resources() });
    } catch (e) {
      setError(e);
    } finally {
      setPct(null);
    }
  };
  const errorBook =
    error instanceof ApiError && typeof error.details?.errorWorkbook === 'string' ? error.details.errorWorkbook : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={doExport}>
          {t('catalog.excel.export')}
        </Button>
        {canImport && (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              void doImport(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} disabled={pct !== null}>
              {t('catalog.excel.import')}
            </Button>
          </Upload>
        )}
        {errorBook && (
          <Button
            danger
            onClick={() =>
              downloadBlob(b64ToBlob(errorBook), timestampedName(t('catalog.excel.errorFileName'), 'xlsx'))
            }
          >
            {t('catalog.excel.errorWorkbook')}
          </Button>
        )}
      </Space>
      {pct !== null && <Progress percent={pct} size="small" aria-label={t('catalog.upload.progress')} />}
      <ErrorAlert error={error} />
    </Space>
  );
}
