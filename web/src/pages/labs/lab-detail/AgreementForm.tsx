import { useState } from 'react';
import { Button, Card, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { selectRequired } from '../../../utils/formRules';
import { useT } from '../../../i18n/I18nProvider';
import { labsApi, useLabMutation, useResource, useResources, type DraftAgreementInput, type Lab } from '../api';
import { GRADES, SUPPLY_METHODS, supplyMethodLabel } from '../labels';

interface Line {
  dataResourceId: string;
  fieldIds: string[];
  category?: string;
  grade: (typeof GRADES)[number];
  rawAllowed?: boolean;
  supplyMethod: (typeof SUPPLY_METHODS)[number];
  validTo: string;
}
interface Values {
  from: string;
  to: string;
  lines: Line[];
  dutiesInitiator: string;
  dutiesPartner: string;
  rightsInitiator: string;
  rightsPartner: string;
  security: string;
  productUse?: string;
}

/**
 * One scope line's resource (searched in the catalog) and its fields. `name` is the line's path inside its Form.List
 * (or the form), `watch` the absolute path of the line, so the field list follows the chosen resource.
 */
export function ResourcePicker({ name, watch }: { name: (string | number)[]; watch: (string | number)[] }) {
  const t = useT();
  const [q, setQ] = useState('');
  const list = useResources(q);
  const form = Form.useFormInstance();
  const id = Form.useWatch([...watch, 'dataResourceId'], form);
  const r = useResource(id);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={[...name, 'dataResourceId']} label={t('labs.scope.resource')} rules={chosen}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={list.isFetching}
            options={(list.data?.items ?? []).map((x) => ({ value: x.id, label: x.nameZh }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name={[...name, 'fieldIds']} label={t('labs.scope.fields')} rules={chosen}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(r.data?.fields ?? []).map((f) => ({ value: f.id, label: f.nameZh }))}
          />
        </Form.Item>
      </Col>
    </>
  );
}

/**
 * The initiator drafts the co-building agreement (LAB-08, LAB-12): the data scope per resource and field, classified
 * by the initiator, with raw use allowed or not; the purpose is fixed by the measures; term, duties, rights and
 * security measures.
 */
export function AgreementForm({ lab, onDone }: { lab: Lab; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const draft = useLabMutation((b: DraftAgreementInput) => labsApi.draftAgreement(lab.id, b), onDone);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  const onFinish = (v: Values) =>
    draft.mutate({
      purpose: 'lab_rnd_and_product_landing',
      usePeriod: { from: v.from, to: v.to },
      dataScope: (v.lines ?? []).map((l) => ({
        dataResourceId: l.dataResourceId,
        fieldIds: l.fieldIds,
        classification: { category: l.category ?? '', grade: l.grade },
        rawAllowed: !!l.rawAllowed,
        supplyMethod: l.supplyMethod,
        validTo: l.validTo,
      })),
      duties: { initiator: v.dutiesInitiator, partner: v.dutiesPartner },
      rights: { initiator: v.rightsInitiator, partner: v.rightsPartner },
      securityMeasures: { text: v.security },
      initiatorProductUse: v.productUse ?? null,
    });
  return (
    <Card title={t('labs.agreement.draft')} size="small">
      <ErrorAlert error={draft.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ lines: [{ grade: 'general', supplyMethod: 'db_view', rawAllowed: false }] }}
      >
        <Typography.Paragraph>
          {t('labs.agreement.purpose')}: <Typography.Text strong>{t('labs.agreement.purposeFixed')}</Typography.Text>
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="from" label={t('labs.agreement.from')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="to" label={t('labs.agreement.to')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('labs.agreement.scope')}</Typography.Text>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                  <Row gutter={16}>
                    <ResourcePicker name={[f.name]} watch={['lines', f.name]} />
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'category']} label={t('labs.scope.category')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'grade']} label={t('labs.scope.grade')} rules={chosen}>
                        <Select options={GRADES.map((g) => ({ value: g, label: t(`authorization.grade.${g}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'supplyMethod']} label={t('labs.scope.supplyMethod')} rules={chosen}>
                        <Select options={SUPPLY_METHODS.map((m) => ({ value: m, label: supplyMethodLabel(t, m) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'validTo']} label={t('labs.scope.validTo')} rules={required}>
                        <Input type="date" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'rawAllowed']} label={t('labs.scope.raw')} valuePropName="checked">
                        <Switch />
                      </Form.Item>
                    </Col>
                    {fields.length > 1 && (
                      <Col xs={12} md={4}>
                        <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                          {t('labs.common.remove')}
                        </Button>
                      </Col>
                    )}
                  </Row>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginBottom: 16 }}
                onClick={() => add({ grade: 'general', supplyMethod: 'db_view', rawAllowed: false })}
              >
                {t('labs.agreement.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          {(
            [
              ['dutiesInitiator', 'labs.agreement.dutiesInitiator'],
              ['dutiesPartner', 'labs.agreement.dutiesPartner'],
              ['rightsInitiator', 'labs.agreement.rightsInitiator'],
              ['rightsPartner', 'labs.agreement.rightsPartner'],
              ['security', 'labs.agreement.security'],
            ] as const
          ).map(([name, key]) => (
            <Col xs={24} md={12} key={name}>
              <Form.Item name={name} label={t(key)} rules={required}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} md={12}>
            <Form.Item name="productUse" label={t('labs.agreement.productUse')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={draft.isPending}>
            {t('labs.agreement.saveDraft')}
          </Button>
          <Button onClick={onDone}>{t('labs.common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
