import { useNavigate } from 'react-router-dom';
import { App, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { selectRequired } from '../../../utils/formRules';
import { supervisionApi, useOrgs, useSupervisionMutation, type OrderRectificationInput } from '../api';
import { BASIS_KINDS, optionsOf } from '../labels';

interface Values {
  subjectOrgId: string;
  measure: OrderRectificationInput['measure'];
  basisKind: OrderRectificationInput['basis']['kind'];
  deadline?: Dayjs;
  items: { finding: string; requiredAction: string }[];
}

/** ENF-01/ENF-02: the authority orders an interview or a rectification by a deadline; the latter suspends at once. */
export default function RectificationNewPage() {
  const t = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const order = useSupervisionMutation(supervisionApi.orderRectification);
  const required = [{ required: true, message: t('supervision.incident.required') }];
  const onFinish = (v: Values) =>
    order.mutate(
      {
        subjectOrgId: v.subjectOrgId,
        measure: v.measure,
        basis: { kind: v.basisKind },
        items: v.items,
        deadline: v.deadline?.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (r) => {
          void message.success(t('supervision.rect.ordered'));
          nav(`/supervision/rectifications/${r.id}`);
        },
      },
    );
  return (
    <Card title={t('supervision.rect.order')} style={{ maxWidth: 860 }}>
      <ErrorAlert error={order.error} style={{ marginBottom: 16 }} />
      <Form<Values>
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ measure: 'rectification', basisKind: 'finding', items: [{ finding: '', requiredAction: '' }] }}
      >
        <Form.Item
          name="subjectOrgId"
          label={t('supervision.rect.subject')}
          rules={[selectRequired(t('supervision.incident.required'))]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={orgs.isLoading}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.nameZh }))}
          />
        </Form.Item>
        <Form.Item
          name="measure"
          label={t('supervision.rect.measure')}
          rules={[selectRequired(t('supervision.incident.required'))]}
        >
          <Select options={optionsOf(t, 'measure', ['interview', 'rectification'])} />
        </Form.Item>
        <Form.Item
          name="basisKind"
          label={t('supervision.rect.basis')}
          rules={[selectRequired(t('supervision.incident.required'))]}
        >
          <Select options={optionsOf(t, 'basisKind', BASIS_KINDS)} />
        </Form.Item>
        <Form.Item name="deadline" label={t('supervision.rect.deadline')}>
          <DatePicker />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'finding']} label={t('supervision.rect.finding')} rules={required}>
                    <Input.TextArea rows={2} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'requiredAction']}
                    label={t('supervision.rect.requiredAction')}
                    rules={required}
                  >
                    <Input.TextArea rows={2} style={{ width: 320 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined style={{ marginTop: 40 }} onClick={() => remove(f.name)} />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ finding: '', requiredAction: '' })}>
                {t('supervision.rect.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={order.isPending}>
            {t('supervision.rect.order')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
