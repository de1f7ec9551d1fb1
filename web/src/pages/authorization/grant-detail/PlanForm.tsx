import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import type { PlanInput } from '../api';
import { INCIDENT_TYPES } from '../labels';

interface PlanForm {
  incidentTypes: string[];
  responseLevels: string;
  procedures: string;
  roles: { role: string; name?: string; phone?: string; securityOfficer?: boolean }[];
  reportingChain: string[];
}

/**
 * The emergency plan as an editable form (authorization.md EmergencyPlan; AUTH-31: loss, leak, tampering and
 * destruction, named roles with the data-security officer, and the reporting chain). It opens with a
 * suggested text the operator changes; nothing is filed until the operator reviews and submits it (issue 14).
 */
export function PlanFormButton({
  grantId,
  loading,
  error,
  onSubmit,
}: {
  grantId: string;
  loading: boolean;
  error: unknown;
  onSubmit: (input: PlanInput, done: () => void) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PlanForm>();
  const initial: PlanForm = {
    incidentTypes: [...INCIDENT_TYPES],
    responseLevels: t('authorization.plan.levels'),
    procedures: t('authorization.plan.procedures'),
    roles: [{ role: t('authorization.plan.officer'), securityOfficer: true }],
    reportingChain: [
      t('authorization.plan.chainAuthority'),
      t('authorization.plan.chainCac'),
      t('authorization.plan.chainSecurity'),
    ],
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    onSubmit(
      {
        grantId,
        incidentTypes: v.incidentTypes,
        responseLevels: v.responseLevels.trim(),
        procedures: v.procedures.trim(),
        roles: v.roles.map((r) => ({
          role: r.role.trim(),
          name: r.name?.trim() || undefined,
          phone: r.phone?.trim() || undefined,
          securityOfficer: !!r.securityOfficer,
        })),
        reportingChain: v.reportingChain,
      },
      () => setOpen(false),
    );
  };
  const required = { required: true, message: t('authorization.wizard.required') };
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)}>
        {t('authorization.grants.submitPlan')}
      </Button>
      <Modal
        open={open}
        title={t('authorization.plan.title')}
        width={760}
        okText={t('authorization.plan.submit')}
        cancelText={t('authorization.review.cancel')}
        okButtonProps={{ loading }}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnClose
      >
        <ErrorAlert error={error} />
        <Typography.Paragraph type="secondary">{t('authorization.plan.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
          <Form.Item
            name="incidentTypes"
            label={t('authorization.plan.incidentTypes')}
            rules={[
              {
                validator: (_, v: string[] = []) =>
                  INCIDENT_TYPES.every((x) => v.includes(x))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('authorization.plan.allTypes'))),
              },
            ]}
          >
            <Checkbox.Group
              options={INCIDENT_TYPES.map((x) => ({ value: x, label: t(`authorization.incident.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="responseLevels" label={t('authorization.plan.responseLevels')} rules={[required]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="procedures" label={t('authorization.plan.proceduresLabel')} rules={[required]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Typography.Text strong>{t('authorization.plan.roles')}</Typography.Text>
          <Form.List
            name="roles"
            rules={[
              {
                validator: (_, v: PlanForm['roles'] = []) =>
                  v.some((r) => r?.securityOfficer)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('authorization.plan.officerRequired'))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'role']} rules={[required]} style={{ marginBottom: 0 }}>
                      <Input
                        aria-label={t('authorization.plan.role')}
                        placeholder={t('authorization.plan.role')}
                        style={{ width: 180 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[required]} style={{ marginBottom: 0 }}>
                      <Input
                        aria-label={t('authorization.plan.person')}
                        placeholder={t('authorization.plan.person')}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[required]} style={{ marginBottom: 0 }}>
                      <Input
                        aria-label={t('authorization.plan.phone')}
                        placeholder={t('authorization.plan.phone')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'securityOfficer']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Switch
                        checkedChildren={t('authorization.plan.officerShort')}
                        unCheckedChildren={t('authorization.plan.otherRole')}
                      />
                    </Form.Item>
                    <MinusCircleOutlined
                      aria-label={t('authorization.plan.removeRole')}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  size="small"
                  icon={<PlusOutlined />}
                  style={{ marginTop: 8 }}
                  onClick={() => add({ role: '', securityOfficer: false })}
                >
                  {t('authorization.plan.addRole')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          <Form.Item
            name="reportingChain"
            label={t('authorization.plan.reportingChain')}
            style={{ marginTop: 16 }}
            rules={[{ required: true, type: 'array', min: 1, message: t('authorization.wizard.required') }]}
          >
            <Select mode="tags" aria-label={t('authorization.plan.reportingChain')} open={false} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
