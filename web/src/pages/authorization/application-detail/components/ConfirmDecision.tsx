import { useEffect, useState, type ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';

/**
 * A decision's confirmation: the summary of what is being decided, and the reason that is recorded with it
 * (style.md "Decisions confirm and record a reason"). `reasonRequired` keeps OK disabled until one is given.
 */
export function ConfirmDecision({
  open,
  title,
  summary,
  reasonLabel,
  reasonRequired,
  okText,
  danger,
  loading,
  error,
  onOk,
  onCancel,
}: {
  open: boolean;
  error?: unknown;
  title: string;
  summary: ReactNode;
  reasonLabel?: string;
  reasonRequired?: boolean;
  okText: string;
  danger?: boolean;
  loading?: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const tooShort = !!reasonRequired && reason.trim().length < 2;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('authorization.review.cancel')}
      width={720}
      destroyOnClose
      okButtonProps={{ danger, disabled: tooShort, loading }}
      onOk={() => onOk(reason.trim())}
      onCancel={onCancel}
    >
      <ErrorAlert error={error} />
      {summary}
      {reasonLabel && (
        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item label={reasonLabel} required={reasonRequired} style={{ marginBottom: 0 }}>
            <Input.TextArea
              aria-label={reasonLabel}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
