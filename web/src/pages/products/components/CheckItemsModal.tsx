import { App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { type CheckLine, type ManualCheck, useCheckItems } from '../api';
import { checkLabel, checkResultLabel } from '../labels';

/** The lines a reviewer records by hand (PM-05: CR-4 risk assessment, CR-5 PIIA, CR-6 irreversibility with its k). */
const MANUAL = ['CR-4', 'CR-5', 'CR-6'] as const satisfies readonly ManualCheck['code'][];
const RESULTS = ['pass', 'fail', 'n_a'] as const satisfies readonly ManualCheck['result'][];
type Values = Record<(typeof MANUAL)[number], { result: ManualCheck['result']; note?: string; minK?: number | null }>;

/** Records CR-4…CR-6 on the open checklist; the server recomputes CR-6 from the minimum k it is given. */
export function CheckItemsModal(p: { productId: string; items: CheckLine[]; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useCheckItems();
  const [form] = Form.useForm<Values>();
  const initial = Object.fromEntries(
    MANUAL.map((c) => {
      const line = p.items.find((i) => i.code === c);
      return [c, { result: line?.checkedAt ? line.result : 'pass', note: line?.note ?? '', minK: line?.minK ?? null }];
    }),
  );
  const ok = async () => {
    const v = await form.validateFields();
    const items = MANUAL.map((code) => ({
      code,
      result: v[code].result,
      evidenceFileIds: [],
      note: v[code].note?.trim() || null,
      minK: code === 'CR-6' ? (v[code].minK ?? null) : null,
    }));
    save.mutate(
      { id: p.productId, body: { items } },
      {
        onSuccess: () => {
          void message.success(t('products.review.checksSaved')); // a toast: nothing waits for it to close
          p.onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={p.open}
      title={t('products.review.recordChecks')}
      okText={t('products.review.saveChecks')}
      cancelText={t('app.common.cancel')}
      onCancel={p.onClose}
      onOk={ok}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={initial}>
        {MANUAL.map((code) => (
          <Space key={code} align="start" wrap>
            <Typography.Text strong style={{ display: 'inline-block', width: 200, paddingTop: 30 }}>
              {checkLabel(t, code)}
            </Typography.Text>
            <Form.Item name={[code, 'result']} label={t('products.dossier.result')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                aria-label={`${checkLabel(t, code)} ${t('products.dossier.result')}`}
                options={RESULTS.map((r) => ({ value: r, label: checkResultLabel(t, r) }))}
              />
            </Form.Item>
            {code === 'CR-6' && (
              <Form.Item name={[code, 'minK']} label={t('products.review.minK')} rules={[{ required: true }]}>
                <InputNumber min={0} style={{ width: 110 }} />
              </Form.Item>
            )}
            <Form.Item name={[code, 'note']} label={t('products.dossier.note')}>
              <Input style={{ width: code === 'CR-6' ? 180 : 300 }} maxLength={2000} />
            </Form.Item>
          </Space>
        ))}
      </Form>
    </Modal>
  );
}
