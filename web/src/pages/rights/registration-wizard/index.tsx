import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Space,
  Steps,
  Typography,
} from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useApplyAndSubmit, useOwnProducts, useRegistryChoices, type ApplyInput } from '../api';
import { label } from '../labels';
import { Materials, type Material } from './Materials';

/** What the wizard collects, step by step (rights-assets.md RightsRegistration fields). */
interface WizardValues {
  registryOrgId: string;
  profile: string;
  regType: ApplyInput['regType'];
  rightType: ApplyInput['rightType'];
  productId?: string;
  name: string;
  version: string;
  source: ApplyInput['objectInfo']['source'];
  acquisitionMethod: string;
  updateCycle: NonNullable<ApplyInput['objectInfo']['updateCycle']>;
  scenarios: string[];
  scope: string;
  contentAgreed: boolean;
}

/** A product's right types register a data product; the holding and processing rights a data resource. */
const SUBJECT_OF: Record<ApplyInput['rightType'], ApplyInput['subjectKind']> = {
  product_operation: 'data_product',
  resource_holding: 'data_resource',
  processing_use: 'data_resource',
  data_ip: 'data_ip',
};
const SOURCES = ['original', 'collected', 'traded', 'authorized', 'other'] as const;
const CYCLES = ['realtime', 'daily', 'monthly', 'custom'] as const;
const STEP_FIELDS: (keyof WizardValues)[][] = [
  ['registryOrgId', 'profile'],
  ['regType', 'rightType'],
  ['name', 'version', 'source', 'acquisitionMethod', 'updateCycle', 'scenarios', 'scope'],
  ['contentAgreed'],
  [],
];

/**
 * The registration wizard (issue 17; rights-assets.md "Registration wizard per type and right type"): registry
 * and rules by name, the type and right type the rules enable, the object (one of the applicant's products, by
 * name), the materials with their SM3 digests, a review of everything, then submit. First registrations only
 * here: a later type (licence, pledge, transfer…) needs the base registration and is filed from its record.
 */
export default function RegistrationWizardPage() {
  const t = useT();
  const { me } = useSession();
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [materials, setMaterials] = useState<Material[]>([]);
  const choices = useRegistryChoices();
  const products = useOwnProducts();
  const submit = useApplyAndSubmit();
  const profileId = Form.useWatch('profile', form);
  const profile = choices.data?.profiles.find((p) => p.id === profileId);
  const values = form.getFieldsValue(true) as WizardValues;
  const registryName = choices.data?.registries.find((r) => r.orgId === values.registryOrgId)?.name;
  const ownProducts = useMemo(
    () => (products.data?.items ?? []).filter((p) => p.operatorOrgId === me.org?.id),
    [products.data, me.org?.id],
  );

  if (choices.error) return <QueryError error={choices.error} />;
  if (submit.data)
    return (
      <Result
        status="success"
        title={t('rights.wizard.done', { no: submit.data.registrationNo })}
        subTitle={t('rights.wizard.doneHint', { state: label(t, 'regState', submit.data.state) })}
        extra={<Link to="/public/publicity">{t('rights.wizard.toPublicity')}</Link>}
      />
    );

  const next = async () => {
    await form.validateFields(STEP_FIELDS[step]);
    if (step === 3 && !materials.length) return;
    setStep(step + 1);
  };
  const pickProduct = (id: string) => {
    const p = ownProducts.find((x) => x.id === id);
    if (p) form.setFieldsValue({ name: p.name, version: p.productVersion || '1.0' });
  };
  const send = () => {
    const v = form.getFieldsValue(true) as WizardValues;
    submit.mutate({
      profile: v.profile,
      regType: v.regType,
      rightType: v.rightType,
      subjectKind: SUBJECT_OF[v.rightType],
      registryOrgId: v.registryOrgId,
      holderOrgId: me.org?.id ?? '',
      contentAgreed: v.contentAgreed,
      objectInfo: {
        name: v.name,
        version: v.version,
        source: v.source,
        acquisitionMethod: v.acquisitionMethod,
        updateCycle: v.updateCycle,
        scenarios: v.scenarios ?? [],
        scope: v.scope,
        productId: v.productId,
      },
      evidence: materials.map((m) => ({ name: m.name, kind: m.kind, sm3: m.sm3 })),
    });
  };
  const required = [{ required: true, message: t('rights.wizard.required') }];
  // A Select's required rule as a validator: antd sets aria-required on the Select's root div for `required`,
  // which axe refuses (aria-allowed-attr); the check and its message are the same.
  const chosen = [
    {
      validator: (_: unknown, v: unknown) =>
        v ? Promise.resolve() : Promise.reject(new Error(t('rights.wizard.required'))),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('rights.wizard.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rights.wizard.intro')}</Typography.Paragraph>
      <Steps
        current={step}
        items={['registry', 'type', 'object', 'materials', 'review'].map((s) => ({
          title: t(`rights.wizard.step.${s}`),
        }))}
      />
      <Card>
        <Form
          form={form}
          layout="vertical"
          preserve
          initialValues={{
            regType: 'first',
            version: '1.0',
            updateCycle: 'monthly',
            source: 'authorized',
            scenarios: [],
          }}
        >
          <div hidden={step !== 0}>
            <Form.Item name="registryOrgId" label={t('rights.wizard.registry')} rules={chosen}>
              <Select
                loading={choices.isLoading}
                options={(choices.data?.registries ?? []).map((r) => ({ value: r.orgId, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="profile" label={t('rights.wizard.profile')} rules={chosen}>
              <Select
                options={(choices.data?.profiles ?? []).map((p) => ({ value: p.id, label: label(t, 'profile', p.id) }))}
                onChange={() => form.resetFields(['rightType'])}
              />
            </Form.Item>
          </div>
          <div hidden={step !== 1}>
            <Form.Item name="regType" label={t('rights.wizard.regType')} rules={chosen}>
              <Select options={[{ value: 'first', label: label(t, 'regType', 'first') }]} />
            </Form.Item>
            <Form.Item name="rightType" label={t('rights.wizard.rightType')} rules={chosen}>
              <Select
                options={(profile?.rightTypes ?? []).map((r) => ({ value: r, label: label(t, 'rightType', r) }))}
              />
            </Form.Item>
          </div>
          <div hidden={step !== 2}>
            <Form.Item name="productId" label={t('rights.wizard.product')} extra={t('rights.wizard.productHint')}>
              <Select
                allowClear
                loading={products.isLoading}
                options={ownProducts.map((p) => ({ value: p.id, label: p.name }))}
                onChange={pickProduct}
              />
            </Form.Item>
            <Form.Item name="name" label={t('rights.dossier.name')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="version" label={t('rights.dossier.version')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="source" label={t('rights.dossier.source')} rules={chosen}>
              <Select options={SOURCES.map((s) => ({ value: s, label: label(t, 'source', s) }))} />
            </Form.Item>
            <Form.Item name="acquisitionMethod" label={t('rights.dossier.acquisition')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="updateCycle" label={t('rights.dossier.updateCycle')} rules={chosen}>
              <Select options={CYCLES.map((c) => ({ value: c, label: label(t, 'updateCycle', c) }))} />
            </Form.Item>
            <Form.Item name="scenarios" label={t('rights.dossier.scenarios')} extra={t('rights.wizard.scenariosHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '\uff0c', '\u3001']} />
            </Form.Item>
            <Form.Item name="scope" label={t('rights.dossier.scope')} rules={required}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
          <div hidden={step !== 3}>
            <Materials value={materials} onChange={setMaterials} />
            {!materials.length && <Alert type="info" showIcon message={t('rights.wizard.materialsRequired')} />}
            <Form.Item
              name="contentAgreed"
              valuePropName="checked"
              style={{ marginTop: 16 }}
              rules={[
                { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(t('rights.wizard.agreeRequired'))) },
              ]}
            >
              <Checkbox>{t('rights.wizard.agree')}</Checkbox>
            </Form.Item>
          </div>
          {step === 4 && (
            <Descriptions bordered column={1} size="small" title={t('rights.wizard.summary')}>
              <Descriptions.Item label={t('rights.wizard.registry')}>{registryName ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('rights.wizard.profile')}>
                {label(t, 'profile', values.profile)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.wizard.regType')}>
                {label(t, 'regType', values.regType)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.wizard.rightType')}>
                {label(t, 'rightType', values.rightType)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.subjectKind')}>
                {label(t, 'subjectKind', values.rightType ? SUBJECT_OF[values.rightType] : undefined)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.desk.holder')}>{me.org?.nameZh ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.name')}>{values.name}</Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.version')}>{values.version}</Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.source')}>
                {label(t, 'source', values.source)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.acquisition')}>{values.acquisitionMethod}</Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.updateCycle')}>
                {label(t, 'updateCycle', values.updateCycle)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.scenarios')}>
                {(values.scenarios ?? []).join(t('rights.wizard.listSep')) || '-'}
              </Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.scope')}>{values.scope}</Descriptions.Item>
              <Descriptions.Item label={t('rights.dossier.evidence')}>
                {materials
                  .map((m) => t('rights.wizard.material', { name: m.name, kind: label(t, 'evidenceKind', m.kind) }))
                  .join(t('rights.wizard.listSep'))}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Form>
        {submit.error && <ErrorAlert error={submit.error} />}
        <Space style={{ marginTop: 16 }}>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('rights.wizard.prev')}</Button>}
          {step < 4 && (
            <Button type="primary" onClick={next}>
              {t('rights.wizard.next')}
            </Button>
          )}
          {step === 4 && (
            <Button type="primary" loading={submit.isPending} onClick={send}>
              {t('rights.wizard.submit')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
