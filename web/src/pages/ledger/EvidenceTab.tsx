import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/request';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryError } from '../../components/ResultPage';
import { useT } from '../../i18n/I18nProvider';
import { downloadBlob, timestampedName } from '../../utils/download';
import {
  downloadInclusionProof,
  useCheckpoint,
  useExportEvidence,
  useObjectEntries,
  type LedgerEntryView,
} from './api';
import { formatDateTime } from '../../utils/datetime';
import { eventLabel, stateLabel } from './words';

const json = (v: unknown) => new Blob([JSON.stringify(v, null, 1)], { type: 'application/json' });

/**
 * An object's "evidence" tab (ledger.md "Object timeline"): its ledger entries with a
 * "prove" button each (inclusion proof + the signed checkpoint, checkable with
 * `npm run verify` or on /public/ledger), the checkpoint, and the evidence-package export.
 * Embed as `<EvidenceTab objectType="Grant" objectId={id} />`.
 */
export function EvidenceTab({ objectType, objectId }: { objectType: string; objectId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const entries = useObjectEntries(objectType, objectId);
  const checkpoint = useCheckpoint('main');
  const [exportOpen, setExportOpen] = useState(false);

  const prove = async (e: LedgerEntryView) => {
    if (e.seq === null || !(await downloadInclusionProof(e.seq, checkpoint.data, 'main', `inclusion-${e.seq}.json`)))
      void message.info(t('ledger.evidence.notYetCheckpointed')); // a toast: nothing waits for it to close
  };

  if (entries.error instanceof ApiError && entries.error.status === 404)
    return <Alert type="info" showIcon message={t('ledger.evidence.notVisible')} />;
  if (entries.isError) return <QueryError error={entries.error} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('ledger.evidence.timeline')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => setExportOpen(true)}>
            {t('ledger.evidence.export')}
          </Button>
        }
      >
        <Table
          rowKey="eventId"
          size="small"
          loading={entries.isPending}
          pagination={false}
          dataSource={entries.data?.items ?? []}
          columns={[
            {
              title: t('ledger.evidence.seq'),
              dataIndex: 'seq',
              render: (v: number | null) => (v === null ? <Tag>{t('ledger.evidence.pending')}</Tag> : v),
            },
            { title: t('ledger.evidence.time'), dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('ledger.evidence.eventType'),
              dataIndex: 'eventType',
              render: (v: string) => eventLabel(t, v, objectType),
            },
            {
              title: t('ledger.evidence.change'),
              render: (_: unknown, e: LedgerEntryView) => `${stateLabel(t, e.fromState)} → ${stateLabel(t, e.toState)}`,
            },
            {
              title: t('ledger.evidence.payload'),
              dataIndex: 'payloadState',
              render: (v: string) => (
                <Tag color={v === 'erased' ? 'default' : 'green'}>{t(`ledger.evidence.payload.${v}`)}</Tag>
              ),
            },
            {
              title: '',
              render: (_: unknown, e: LedgerEntryView) => (
                <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => void prove(e)}>
                  {t('ledger.evidence.prove')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('ledger.evidence.checkpoint')}>
        {checkpoint.isError ? (
          <ErrorAlert error={checkpoint.error} />
        ) : (
          <Typography.Paragraph copyable>
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{checkpoint.data}</pre>
          </Typography.Paragraph>
        )}
      </Card>
      <ExportModal open={exportOpen} onClose={() => setExportOpen(false)} objectType={objectType} objectId={objectId} />
    </Space>
  );
}

function ExportModal({
  open,
  onClose,
  objectType,
  objectId,
}: {
  open: boolean;
  onClose: () => void;
  objectType: string;
  objectId: string;
}) {
  const t = useT();
  const [form] = Form.useForm<{ purpose: string }>();
  const exp = useExportEvidence();
  const submit = async () => {
    const { purpose } = await form.validateFields();
    const pkg = await exp.mutateAsync({ objectType, objectId, purpose });
    downloadBlob(json(pkg), timestampedName(`evidence-${objectType}`, 'json'));
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('ledger.evidence.export')}
      okText={t('ledger.evidence.download')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={exp.isPending}
      destroyOnClose
    >
      <ErrorAlert error={exp.error} />
      <Typography.Paragraph type="secondary">{t('ledger.evidence.exportHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="purpose"
          label={t('ledger.evidence.purpose')}
          rules={[{ required: true, whitespace: true, message: t('ledger.evidence.purposeRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default EvidenceTab;
