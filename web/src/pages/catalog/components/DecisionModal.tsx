import { useEffect } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';

export interface Decision {
  title: string;
  summary: string;
  okText: string;
  danger?: boolean;
  reasonRequired: boolean;
  reasonLabel: string;
  deficiencies?: boolean;
}

/**
 * Confirms a review decision and records its reason (issue 14: "Decisions confirm and record a reason").
 * A return, refusal or rejection requires the reason; a forward decision may add a note.
 */
export function DecisionModal({
  decision,
  onCancel,
  onOk,
  pending,
  error,
}: {
  decision: Decision | null;
  onCancel: () => void;
  onOk: (v: { reason?: string; deficiencies?: string[] }) => void;
  pending: boolean;
  error: unknown;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string; deficiencies?: string }>();
  useEffect(() => {
    if (decision) form.resetFields();
  }, [decision, form]);
  const submit = async () => {
    const v = await form.validateFields();
    onOk({
      reason: v.reason?.trim() || undefined,
      deficiencies: v.deficiencies
        ?.split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    });
  };
  return (
    <Modal
      open={!!decision}
      title={decision?.title}
      onCancel={onCancel}
      onOk={submit}
      okText={decision?.okText}
      okButtonProps={{ danger: decision?.danger }}
      confirmLoading={pending}
      cancelText={t('app.common.cancel')}
      destroyOnHidden
    >
      {decision && (
        <>
          <Alert
            type={decision.danger ? 'warning' : 'info'}
            showIcon
            message={decision.summary}
            style={{ marginBottom: 16 }}
          />
          <ErrorAlert error={error} />
          <Form form={form} layout="vertical">
            <Form.Item
              name="reason"
              label={decision.reasonLabel}
              rules={[
                { required: decision.reasonRequired, whitespace: true, message: t('catalog.decision.reasonRequired') },
                { max: 2000, message: t('catalog.decision.tooLong', { max: 2000 }) },
              ]}
            >
              <Input.TextArea rows={3} aria-label={decision.reasonLabel} />
            </Form.Item>
            {decision.deficiencies && (
              <Form.Item
                name="deficiencies"
                label={t('catalog.decision.deficiencies')}
                extra={t('catalog.decision.deficienciesHelp')}
              >
                <Input.TextArea rows={3} aria-label={t('catalog.decision.deficiencies')} />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
