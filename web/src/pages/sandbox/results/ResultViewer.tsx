import { useState } from 'react';
import { Alert, Space, Table, Tag, Tooltip, Typography, Watermark } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useResultPage } from '../api-data';
import { MaskingTag } from '../labels';

/** A result column's masking, when it is a masked field of a mounted view (the grid marks it). */
export type MaskingOf = (column: string) => string | undefined;

/**
 * SBX-10: the only place a result is shown. The server decrypts one page for this viewer and answers who, which
 * organization and when; the page draws that across the rows. There is deliberately no download, export or print
 * button, and copying and printing the grid are blocked (the only exit is a released egress request).
 */
export function ResultViewer({
  workspaceId,
  jobId,
  pageSize,
  maskingOf,
}: {
  workspaceId: string;
  jobId: string;
  pageSize: number;
  maskingOf?: MaskingOf;
}) {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useResultPage(workspaceId, jobId, (page - 1) * pageSize, pageSize);
  if (q.error) return <ErrorAlert error={q.error} />;
  const v = q.data;
  const wm = v?.watermark;
  const who = wm?.loginName ?? wm?.userId ?? '';
  const org = wm?.orgName ?? '';
  const time = wm ? formatDateTime(wm.at) : '';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="result-viewer">
      <Alert type="info" showIcon icon={<LockOutlined />} message={t('sandboxData.viewer.notice')} />
      {wm && (
        <Space wrap size={4}>
          <Tag color="purple" data-testid="watermark-user">
            {t('sandboxData.viewer.viewer', { user: who, org })}
          </Tag>
          <Tag>{time}</Tag>
          <Tag color="geekblue" data-testid="watermark-code">
            {t('sandboxData.viewer.code', { code: wm.code })}
          </Tag>
          <Typography.Text type="secondary">
            {t('sandboxData.viewer.rows', { n: v.rowsOut, max: v.limit })}
          </Typography.Text>
        </Space>
      )}
      <Watermark
        content={wm ? [t('sandboxData.viewer.watermark', { user: who, org, time }), wm.code] : undefined}
        font={{ color: 'rgba(0,0,0,0.13)', fontSize: 14 }}
        gap={[80, 60]}
      >
        <div
          className="sy-result-viewer"
          aria-label={t('sandboxData.viewer.title')}
          style={{ userSelect: 'none', WebkitUserSelect: 'none' }}
          onCopy={(e) => e.preventDefault()}
          onCut={(e) => e.preventDefault()}
          onContextMenu={(e) => e.preventDefault()}
          onDragStart={(e) => e.preventDefault()}
        >
          <style>{'@media print { .sy-result-viewer { display: none !important; } }'}</style>
          <Table
            size="small"
            loading={q.isLoading}
            rowKey={(_, i) => String(i)}
            scroll={{ x: true }}
            dataSource={(v?.rows ?? []).map((r) => Object.fromEntries(r.map((x, i) => [String(i), x])))}
            pagination={{
              current: page,
              pageSize,
              total: v?.rowsOut ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={(v?.columns ?? []).map((c, i) => {
              const m = maskingOf?.(c.name);
              return {
                title: m ? (
                  <Tooltip title={t('sandbox.workspace.maskedColumn', { method: t(`sandbox.masking.${m}`) })}>
                    <Space size={4}>
                      <span>{c.name}</span>
                      <MaskingTag t={t} method={m} />
                    </Space>
                  </Tooltip>
                ) : (
                  c.name
                ),
                dataIndex: String(i),
                onHeaderCell: () => ({ style: m ? { background: '#f9f0ff' } : {} }),
                onCell: () => ({ style: m ? { background: '#fcf7ff', color: '#531dab' } : {} }),
                render: (x: unknown) => (x === null || x === undefined ? '' : String(x)),
              };
            })}
          />
        </div>
      </Watermark>
    </Space>
  );
}
