import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useAgreements, useSubmitApplication, useWizardCatalog, type WizardField } from '../api';
import { GradeTag, MASKINGS, METHODS, OUTPUTS, PURPOSES } from '../labels';

interface Pick { justification: string; masking: string }
interface ScenarioForm {
  title: string; description: string; serviceObjects: string; regions: string; from: Dayjs; to: Dayjs; usageTimeLimit: Dayjs;
  outcome: string; indicator: string; methods: string[]; purpose: string; outputs: string[]; riskFile: string; responsible: string; coversImportant: boolean;
}
const split = (s: string) => s.split(/[,\uff0c\u3001]/).map((x) => x.trim()).filter(Boolean);

/** The operator's application wizard: pick a registered resource, tick fields with reasons, then describe the scenario. */
export default function ApplicationNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const agreements = useAgreements({ state: 'active', pageSize: 50 });
  const [agreementId, setAgreementId] = useState<string>();
  const catalog = useWizardCatalog(agreementId);
  const [resourceId, setResourceId] = useState<string>();
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [step, setStep] = useState(0);
  const [form] = Form.useForm<ScenarioForm>();
  const submit = useSubmitApplication();
  const resource = catalog.data?.resources.find((r) => r.resourceId === resourceId);
  const key = (code: string) => `${resourceId}:${code}`;
  const setPick = (code: string, p: Partial<Pick> | null) => setPicks((old) => {
    const next = { ...old };
    if (p === null) delete next[key(code)];
    else next[key(code)] = { ...{ justification: '', masking: 'none' }, ...old[key(code)], ...p };
    return next;
  });

  const columns = useMemo(() => [
    { title: t('authorization.wizard.pick'), width: 70, render: (_: unknown, f: WizardField) => (
      <Checkbox aria-label={`${t('authorization.wizard.pick')} ${f.nameZh}`} disabled={!f.selectable} checked={!!picks[key(f.code)]}
        onChange={(e) => setPick(f.code, e.target.checked ? { masking: f.needsDeidentification ? (f.directIdentifier ? 'hmac_pseudonym' : 'mask') : 'none' } : null)} />
    ) },
    { title: t('authorization.common.field'), dataIndex: 'nameZh' },
    { title: t('authorization.common.grade'), render: (_: unknown, f: WizardField) => <Space size={4}>
      <GradeTag grade={f.grade} />
      {f.needsSecondApprover && <Tag color="orange">{t('authorization.wizard.secondApprover')}</Tag>}
      {f.needsDeidentification && <Tag color="purple">{t('authorization.wizard.deidentify')}</Tag>}
    </Space> },
    { title: t('authorization.wizard.why'), render: (_: unknown, f: WizardField) => (f.blockedReason ? <Tooltip title={f.blockedReason}><Typography.Text type="danger">{t(`authorization.blocked.${f.blockedReason}`)}</Typography.Text></Tooltip> : '-') },
    { title: t('authorization.wizard.justification'), render: (_: unknown, f: WizardField) => picks[key(f.code)] && (
      <Input aria-label={`${t('authorization.wizard.justification')} ${f.nameZh}`} placeholder={t('authorization.wizard.justificationPlaceholder')}
        value={picks[key(f.code)]!.justification} onChange={(e) => setPick(f.code, { justification: e.target.value })} />
    ) },
    { title: t('authorization.wizard.masking'), width: 180, render: (_: unknown, f: WizardField) => picks[key(f.code)] && (
      <Select aria-label={`${t('authorization.wizard.masking')} ${f.nameZh}`} style={{ width: 170 }} value={picks[key(f.code)]!.masking}
        options={MASKINGS.map((m) => ({ value: m, label: t(`authorization.masking.${m}`) }))} onChange={(v) => setPick(f.code, { masking: v })} />
    ) },
  ], [t, picks, resourceId]);

  const onSubmit = async () => {
    const v = await form.validateFields();
    const demandList = Object.entries(picks).map(([k, p]) => {
      const [rid, code] = k.split(':') as [string, string];
      return { resourceId: rid, fieldCode: code, justification: p.justification, requestedMasking: { method: p.masking } };
    });
    const r = await submit.mutateAsync({
      agreementId: agreementId!, scenario: { title: v.title, description: v.description ?? '' }, serviceObjects: split(v.serviceObjects ?? ''),
      serviceScope: { regions: split(v.regions ?? ''), industries: [] }, servicePeriod: { from: v.from.format('YYYY-MM-DD'), to: v.to.format('YYYY-MM-DD') },
      expectedOutcome: { text: v.outcome ?? '', indicators: v.indicator ? [v.indicator] : [] }, developmentMethods: v.methods ?? [],
      usageTimeLimit: v.usageTimeLimit.format('YYYY-MM-DD'), purposeCategory: v.purpose,
      riskAssessment: { fileId: v.riskFile, responsiblePerson: v.responsible, coversImportantFields: !!v.coversImportant },
      proposedEgress: { allowedOutputKinds: v.outputs?.length ? v.outputs : ['aggregate'] }, demandList,
    }).catch(() => undefined);
    if (r) navigate(`/authorization/applications/${r.id}`);
  };

  const validTo = catalog.data?.validTo ? dayjs(catalog.data.validTo) : dayjs().add(1, 'year');
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('authorization.wizard.title')}</Typography.Title>}>
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('authorization.wizard.stepAgreement') }, { title: t('authorization.wizard.stepScenario') }]} />
      <ErrorAlert error={submit.error} />
      <div style={{ display: step === 0 ? 'block' : 'none' }}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select aria-label={t('authorization.wizard.agreement')} placeholder={t('authorization.wizard.agreement')} style={{ width: 360 }} value={agreementId}
            options={(agreements.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.agreementNo} ${a.title}` }))} onChange={(v) => { setAgreementId(v); setResourceId(undefined); }} />
          <Select aria-label={t('authorization.wizard.resource')} placeholder={t('authorization.wizard.resource')} style={{ width: 320 }} value={resourceId}
            options={(catalog.data?.resources ?? []).map((r) => ({ value: r.resourceId, label: `${r.nameZh} (${r.sourceUnitName ?? ''})` }))} onChange={setResourceId} />
          <Typography.Text type="secondary">{t('authorization.wizard.selected', { n: Object.keys(picks).length })}</Typography.Text>
        </Space>
        {resource && <Table<WizardField> rowKey="code" size="small" pagination={false} dataSource={resource.fields} columns={columns} />}
        <Button type="primary" style={{ marginTop: 16 }} disabled={!Object.keys(picks).length} onClick={() => setStep(1)}>{t('authorization.wizard.next')}</Button>
      </div>
      <Form form={form} layout="vertical" style={{ display: step === 1 ? 'block' : 'none', maxWidth: 720 }}
        initialValues={{ from: dayjs().add(1, 'day'), to: validTo, usageTimeLimit: validTo, methods: ['sandbox_query'], purpose: 'industry', outputs: ['aggregate'] }}>
        <Form.Item name="title" label={t('authorization.wizard.scenarioTitle')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('authorization.wizard.description')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="serviceObjects" label={t('authorization.wizard.serviceObjects')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="regions" label={t('authorization.wizard.regions')} rules={[{ required: true }]}><Input /></Form.Item>
        <Space>
          <Form.Item name="from" label={t('authorization.wizard.periodFrom')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="to" label={t('authorization.wizard.periodTo')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="usageTimeLimit" label={t('authorization.wizard.usageTimeLimit')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="outcome" label={t('authorization.wizard.outcome')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="indicator" label={t('authorization.wizard.indicator')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="methods" label={t('authorization.wizard.methods')}><Checkbox.Group options={METHODS.map((m) => ({ value: m, label: t(`authorization.method.${m}`) }))} /></Form.Item>
        <Form.Item name="purpose" label={t('authorization.wizard.purpose')}><Select options={PURPOSES.map((m) => ({ value: m, label: t(`authorization.purpose.${m}`) }))} /></Form.Item>
        <Form.Item name="outputs" label={t('authorization.wizard.outputs')}><Checkbox.Group options={OUTPUTS.map((m) => ({ value: m, label: t(`authorization.output.${m}`) }))} /></Form.Item>
        <Form.Item name="riskFile" label={t('authorization.wizard.riskFile')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="responsible" label={t('authorization.wizard.responsible')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="coversImportant" valuePropName="checked"><Checkbox>{t('authorization.wizard.coversImportant')}</Checkbox></Form.Item>
        <Space>
          <Button onClick={() => setStep(0)}>{t('authorization.wizard.prev')}</Button>
          <Button type="primary" loading={submit.isPending} onClick={onSubmit}>{t('authorization.wizard.submit')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
