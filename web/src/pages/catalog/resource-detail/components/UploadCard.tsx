import { useState } from 'react';
import { Alert, Button, Card, Progress, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { catalogKeys, uploadSnapshot } from '../../api';

/** Streamed upload with a progress bar (XMLHttpRequest upload events); then schema match and quality. */
export function UploadCard({ resourceId }: { resourceId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ rows: number; detections: number } | null>(null);
  const start = async (file: File) => {
    setError(null);
    setDone(null);
    setPct(0);
    try {
      const r = await uploadSnapshot(resourceId, file, setPct);
      setDone(r);
      await qc.invalidateQueries({ queryKey: catalogKeys.detail(resourceId) });
    } catch (e) {
      setError(e);
    } finally {
      setPct(null);
    }
  };
  return (
    <Card size="small" title={t('catalog.upload.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('catalog.upload.done', { rows: done.rows, n: done.detections })}
        />
      )}
      <Upload
        accept=".csv,.xlsx,.parquet"
        showUploadList={false}
        beforeUpload={(f) => {
          void start(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={pct !== null}>
          {t('catalog.upload.button')}
        </Button>
      </Upload>
      {pct !== null && <Progress percent={pct} aria-label={t('catalog.upload.progress')} style={{ marginTop: 12 }} />}
    </Card>
  );
}
