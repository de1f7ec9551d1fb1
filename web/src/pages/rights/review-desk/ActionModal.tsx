import { App, Form, Input, Modal, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useReviewAction, type RefusalGround, type ReviewBody } from '../api';
import { label } from '../labels';
import type { DeskAction } from './actions';

const GROUNDS: RefusalGround[] = [
  'core_data',
  'state_secret',
  'unlawful_acquisition',
  'missing_source_authorization',
  'ownership_dispute',
  'prohibited_trade',
  'prohibited_content',
];

interface Values {
  reason?: string;
  defects?: string;
  grounds?: RefusalGround[];
}

/** Builds the POST body the server's input schema expects (rights/model.ts RejectInput, CorrectionInput, DecideInput). */
function bodyOf(a: DeskAction, v: Values): ReviewBody {
  if (a.form === 'defects')
    return {
      defects: (v.defects ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  if (a.form === 'reasonAndGrounds') return { reason: v.reason ?? '', grounds: v.grounds ?? [] };
  if (a.outcome) return { outcome: a.outcome, ...(v.reason ? { reason: v.reason } : {}) };
  return {};
}

/** Confirms one desk decision, asking for what that decision needs (reason, grounds, defects). */
export function ActionModal(p: { id: string; name: string; action: DeskAction | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useReviewAction();
  const a = p.action;
  const actionText = a ? t(`rights.action.${a.key}`) : '';
  const submit = async () => {
    if (!a) return;
    const v = await form.validateFields();
    await act.mutateAsync({ id: p.id, action: a.action, body: bodyOf(a, v) });
    void message.success(t('rights.action.done', { action: actionText })); // a toast: nothing waits for it
    form.resetFields();
    p.onClose();
  };
  return (
    <Modal
      open={!!a}
      title={t('rights.action.confirm', { action: actionText, name: p.name })}
      okText={actionText}
      okButtonProps={{ danger: a?.danger, loading: act.isPending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        act.reset();
        p.onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={act.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false}>
        {(a?.form === 'reason' || a?.form === 'reasonAndGrounds') && (
          <Form.Item
            name="reason"
            label={t('rights.action.reason')}
            rules={[{ required: true, min: 2, message: t('rights.action.reasonRequired') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {a?.form === 'reasonAndGrounds' && (
          <Form.Item name="grounds" label={t('rights.action.grounds')}>
            <Select mode="multiple" options={GROUNDS.map((g) => ({ value: g, label: label(t, 'refusalGround', g) }))} />
          </Form.Item>
        )}
        {a?.form === 'defects' && (
          <Form.Item
            name="defects"
            label={t('rights.action.defects')}
            rules={[{ required: true, whitespace: true, message: t('rights.action.defectsRequired') }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
