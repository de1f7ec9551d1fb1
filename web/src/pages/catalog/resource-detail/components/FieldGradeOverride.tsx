import { useEffect } from 'react';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { catalogApi, useResourceMutation, type ClassificationInput, type Field, type Grade } from '../../api';
import { memberOf } from '../../../../i18n/labelled';
import { GRADES, gradeLabel, SENSITIVE_CATEGORIES, sensitiveLabel } from '../../labels';

/** The security officer sets a field's grade by hand, with the reason recorded (DET-05 override; CLS-04 never lower on a published field). */
export function FieldGradeOverride({
  resourceId,
  domain,
  field,
  onClose,
}: {
  resourceId: string;
  domain: string;
  field: Field | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClassificationInput>();
  const spi = Form.useWatch('sensitivePersonalInfo', form);
  const mut = useResourceMutation(resourceId, (v: ClassificationInput) =>
    catalogApi.classifyField(resourceId, field!.id, v),
  );
  useEffect(() => {
    if (field) {
      mut.reset();
      const c = field.classification;
      form.setFieldsValue({
        grade: (c.grade ?? 'general') as Grade,
        category: c.category ?? `${domain}/${field.nameZh}`,
        personalInfo: !!c.personalInfo,
        sensitivePersonalInfo: !!c.sensitivePersonalInfo,
        sensitiveCategory: memberOf(SENSITIVE_CATEGORIES, c.sensitiveCategory),
        overrideReason: '',
      });
    }
  }, [field]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = async () => {
    const v = await form.validateFields();
    mut.mutate(
      { ...v, personalInfo: v.personalInfo || v.sensitivePersonalInfo },
      {
        onSuccess: () => {
          void message.success(t('catalog.detail.done')); // a toast: nothing waits for it to close
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={!!field}
      title={t('catalog.override.title', { name: field?.nameZh ?? '' })}
      onCancel={onClose}
      onOk={submit}
      okText={t('catalog.override.submit')}
      cancelText={t('app.common.cancel')}
      confirmLoading={mut.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={mut.error} />
      <Form form={form} layout="vertical">
        <Form.Item name="grade" label={t('catalog.detail.colGrade')}>
          <Select options={GRADES.map((g) => ({ value: g, label: gradeLabel(t, g) }))} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('catalog.dossier.category')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('catalog.create.required', { field: t('catalog.dossier.category') }),
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="personalInfo" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('catalog.list.pi')}</Checkbox>
        </Form.Item>
        <Form.Item name="sensitivePersonalInfo" valuePropName="checked">
          <Checkbox>{t('catalog.list.spi')}</Checkbox>
        </Form.Item>
        {spi && (
          <Form.Item
            name="sensitiveCategory"
            label={t('catalog.override.sensitiveCategory')}
            rules={[
              {
                required: true,
                message: t('catalog.create.required', { field: t('catalog.override.sensitiveCategory') }),
              },
            ]}
          >
            <Select options={SENSITIVE_CATEGORIES.map((s) => ({ value: s, label: sensitiveLabel(t, s) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="overrideReason"
          label={t('catalog.override.reason')}
          rules={[
            { required: true, whitespace: true, message: t('catalog.decision.reasonRequired') },
            { max: 1000, message: t('catalog.decision.tooLong', { max: 1000 }) },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
