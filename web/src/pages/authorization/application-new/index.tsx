import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/request';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useI18n, useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import {
  useAgreements,
  useApplication,
  useSaveApplication,
  useWizardCatalog,
  type Application,
  type DevelopmentMethod,
  type NewApplication,
  type OutputKind,
  type PurposeCategory,
  type WizardField,
} from '../api';
import {
  ALL_OUTPUTS,
  GradeTag,
  MASKINGS,
  methodLabel,
  METHODS,
  outputLabel,
  OUTPUTS,
  purposeLabel,
  PURPOSES,
} from '../labels';
import { memberOf, membersOf } from '../../../i18n/labelled';

interface Pick {
  justification: string;
  masking: string;
}
interface ScenarioForm {
  title: string;
  description: string;
  serviceObjects: string;
  regions: string;
  from: Dayjs;
  to: Dayjs;
  usageTimeLimit: Dayjs;
  outcome: string;
  indicator: string;
  methods: DevelopmentMethod[];
  purpose: PurposeCategory;
  outputs: OutputKind[];
  riskFile: string;
  responsible: string;
  coversImportant: boolean;
}
const split = (s: string) =>
  s
    .split(/[,\uff0c\u3001]/)
    .map((x) => x.trim())
    .filter(Boolean);
/** authorization.minJustificationChars (AUTH-09), checked here too so the server is asked only once the form is right. */
const MIN_JUSTIFICATION = 15;
/** Server failure params.field (details.failures) → the form field it belongs to. */
const FIELD_OF: Record<string, keyof ScenarioForm> = {
  'servicePeriod.from': 'from',
  'servicePeriod.to': 'to',
  servicePeriod: 'to',
  usageTimeLimit: 'usageTimeLimit',
};

/**
 * The operator's application wizard: pick catalog fields with reasons, then describe the scenario. The form is
 * checked before anything is sent; submitting creates and submits in one call, so a refusal leaves no draft
 * (issue 14). With `:id` it resumes a draft or returned application of the operator's own.
 */
export default function ApplicationNewPage() {
  const t = useT();
  const { lang } = useI18n();
  const navigate = useNavigate();
  const { id: draftId } = useParams();
  const draft = useApplication(draftId ?? '', !!draftId);
  const agreements = useAgreements({ state: 'active', pageSize: 50 });
  const [agreementId, setAgreementId] = useState<string>();
  const catalog = useWizardCatalog(agreementId);
  const [resourceId, setResourceId] = useState<string>();
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [step, setStep] = useState(0);
  const [pickError, setPickError] = useState<string>();
  const [form] = Form.useForm<ScenarioForm>();
  const save = useSaveApplication(draftId);
  const resource = catalog.data?.resources.find((r) => r.resourceId === resourceId);
  const key = (code: string) => `${resourceId}:${code}`;
  const setPick = (code: string, p: Partial<Pick> | null) =>
    setPicks((old) => {
      const next = { ...old };
      if (p === null) delete next[key(code)];
      else next[key(code)] = { ...{ justification: '', masking: 'none' }, ...old[key(code)], ...p };
      return next;
    });

  // Resuming a draft: its agreement, fields and scenario fill the wizard.
  useEffect(() => {
    const a = draft.data;
    if (!a) return;
    setAgreementId(a.agreementId);
    setResourceId(a.items?.[0]?.resourceId);
    setPicks(
      Object.fromEntries(
        (a.items ?? []).map((i) => [
          `${i.resourceId}:${i.fieldCode}`,
          { justification: i.justification, masking: i.requestedMasking?.method ?? 'none' },
        ]),
      ),
    );
    form.setFieldsValue(formValues(a));
  }, [draft.data?.id]);

  // A new application runs to the agreement's end unless the operator shortens it.
  useEffect(() => {
    const end = catalog.data?.validTo;
    if (draftId || !end) return;
    for (const name of ['to', 'usageTimeLimit'] as const)
      if (!form.getFieldValue(name)) form.setFieldValue(name, dayjs(end));
  }, [catalog.data?.validTo]);

  const columns = useMemo(
    () => [
      {
        title: t('authorization.wizard.pick'),
        width: 70,
        render: (_: unknown, f: WizardField) => (
          <Checkbox
            aria-label={`${t('authorization.wizard.pick')} ${f.nameZh}`}
            disabled={!f.selectable}
            checked={!!picks[key(f.code)]}
            onChange={(e) =>
              setPick(
                f.code,
                e.target.checked
                  ? { masking: f.needsDeidentification ? (f.directIdentifier ? 'hmac_pseudonym' : 'mask') : 'none' }
                  : null,
              )
            }
          />
        ),
      },
      { title: t('authorization.common.field'), dataIndex: 'nameZh' },
      {
        title: t('authorization.common.grade'),
        render: (_: unknown, f: WizardField) => (
          <Space size={4}>
            <GradeTag grade={f.grade} />
            {f.needsSecondApprover && <Tag color="orange">{t('authorization.wizard.secondApprover')}</Tag>}
            {f.needsDeidentification && <Tag color="purple">{t('authorization.wizard.deidentify')}</Tag>}
          </Space>
        ),
      },
      {
        title: t('authorization.wizard.why'),
        render: (_: unknown, f: WizardField) =>
          f.blockedReason ? (
            <Tooltip title={t(`authorization.blocked.${f.blockedReason}`)}>
              <Typography.Text type="danger">{t(`authorization.blocked.${f.blockedReason}`)}</Typography.Text>
            </Tooltip>
          ) : (
            '-'
          ),
      },
      {
        title: t('authorization.wizard.justification'),
        render: (_: unknown, f: WizardField) =>
          picks[key(f.code)] && (
            <Input
              aria-label={`${t('authorization.wizard.justification')} ${f.nameZh}`}
              placeholder={t('authorization.wizard.justificationPlaceholder')}
              status={
                pickError && [...picks[key(f.code)]!.justification.trim()].length < MIN_JUSTIFICATION
                  ? 'error'
                  : undefined
              }
              value={picks[key(f.code)]!.justification}
              onChange={(e) => setPick(f.code, { justification: e.target.value })}
            />
          ),
      },
      {
        title: t('authorization.wizard.masking'),
        width: 180,
        render: (_: unknown, f: WizardField) =>
          picks[key(f.code)] && (
            <Select
              aria-label={`${t('authorization.wizard.masking')} ${f.nameZh}`}
              style={{ width: 170 }}
              value={picks[key(f.code)]!.masking}
              options={MASKINGS.map((m) => ({ value: m, label: t(`authorization.masking.${m}`) }))}
              onChange={(v) => setPick(f.code, { masking: v })}
            />
          ),
      },
    ],
    [t, picks, resourceId, pickError],
  );

  /** Step 1 → 2 only when every picked field has a long enough justification (AUTH-09). */
  const next = () => {
    const names = new Map<string, string>(
      (catalog.data?.resources ?? []).flatMap((r) =>
        r.fields.map((f): [string, string] => [`${r.resourceId}:${f.code}`, f.nameZh]),
      ),
    );
    const short = Object.entries(picks)
      .filter(([, p]) => [...p.justification.trim()].length < MIN_JUSTIFICATION)
      .map(([k]) => names.get(k) ?? k);
    if (short.length)
      return setPickError(
        t('authorization.wizard.justificationShort', {
          min: MIN_JUSTIFICATION,
          fields: short.join(t('authorization.common.sep')),
        }),
      );
    setPickError(undefined);
    setStep(1);
  };

  /** The server's date and field failures go next to the field they name (details.failures[].params.field). */
  const showServerErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    const byField = new Map<keyof ScenarioForm, string[]>();
    for (const f of e.failures) {
      const names = String(f.params?.field ?? f.params?.fields ?? '').split(',');
      for (const n of names) {
        const field = FIELD_OF[n.trim()];
        if (field)
          byField.set(field, [...(byField.get(field) ?? []), (lang === 'zh-CN' ? f.message : f.message_en) ?? f.code]);
      }
    }
    if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  };

  const onSave = async (submit: boolean) => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const demandList = Object.entries(picks).map(([k, p]) => {
      const [rid, code] = k.split(':') as [string, string];
      return {
        resourceId: rid,
        fieldCode: code,
        justification: p.justification.trim(),
        requestedMasking: { method: p.masking },
      };
    });
    const input: NewApplication = {
      agreementId: agreementId!,
      scenario: { title: v.title, description: v.description ?? '' },
      serviceObjects: split(v.serviceObjects ?? ''),
      serviceScope: { regions: split(v.regions ?? ''), industries: [] },
      servicePeriod: { from: v.from.format('YYYY-MM-DD'), to: v.to.format('YYYY-MM-DD') },
      expectedOutcome: { text: v.outcome ?? '', indicators: v.indicator ? [v.indicator] : [] },
      developmentMethods: v.methods ?? [],
      usageTimeLimit: v.usageTimeLimit.format('YYYY-MM-DD'),
      purposeCategory: v.purpose,
      riskAssessment: {
        fileId: v.riskFile,
        responsiblePerson: v.responsible,
        coversImportantFields: !!v.coversImportant,
      },
      proposedEgress: { allowedOutputKinds: v.outputs?.length ? v.outputs : ['aggregate'] },
      demandList,
    };
    const r = await save.mutateAsync({ input, submit }).catch((e: unknown) => {
      showServerErrors(e);
      return undefined;
    });
    if (r) navigate(`/authorization/applications/${r.id}`);
  };

  if (draftId && draft.error) return <QueryError error={draft.error} />;
  const validTo = catalog.data?.validTo ? dayjs(catalog.data.validTo) : undefined;
  const today = dayjs().startOf('day');
  // Dates in the wrong order get a message that says so, next to the field (issue 14).
  const afterToday = (label: string) => ({
    validator: (_: unknown, d?: Dayjs) =>
      !d || !d.isBefore(today, 'day')
        ? Promise.resolve()
        : Promise.reject(new Error(t('authorization.wizard.datePast', { label, today: formatDate(new Date()) }))),
  });
  const withinAgreement = (label: string) => ({
    validator: (_: unknown, d?: Dayjs) =>
      !d || !validTo || !d.isAfter(validTo, 'day')
        ? Promise.resolve()
        : Promise.reject(
            new Error(
              t('authorization.wizard.dateAfterAgreement', { label, validTo: formatDate(catalog.data?.validTo) }),
            ),
          ),
  });
  const notBeforeStart = (label: string) => ({
    validator: (_: unknown, d?: Dayjs) => {
      const from = form.getFieldValue('from') as Dayjs | undefined;
      return !d || !from || !d.isBefore(from, 'day')
        ? Promise.resolve()
        : Promise.reject(
            new Error(t('authorization.wizard.dateBeforeStart', { label, from: from.format('YYYY-MM-DD') })),
          );
    },
  });
  const editable = !draftId || draft.data?.abilities?.some((a) => a === 'edit' || a === 'edit_returned');
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {draftId
            ? t('authorization.wizard.editTitle', { no: draft.data?.applicationNo ?? '' })
            : t('authorization.wizard.title')}
        </Typography.Title>
      }
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('authorization.wizard.stepAgreement') }, { title: t('authorization.wizard.stepScenario') }]}
      />
      {draftId && draft.data && !editable && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('authorization.wizard.notEditable')} />
      )}
      {draft.data?.state === 'returned' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('authorization.wizard.returnedHint')} />
      )}
      <ErrorAlert error={save.error} />
      <div style={{ display: step === 0 ? 'block' : 'none' }}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('authorization.wizard.agreement')}
            placeholder={t('authorization.wizard.agreement')}
            style={{ width: 360 }}
            value={agreementId}
            disabled={!!draftId}
            options={(agreements.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.agreementNo} ${a.title}` }))}
            onChange={(v) => {
              setAgreementId(v);
              setResourceId(undefined);
            }}
          />
          <Select
            aria-label={t('authorization.wizard.resource')}
            placeholder={t('authorization.wizard.resource')}
            style={{ width: 320 }}
            value={resourceId}
            options={(catalog.data?.resources ?? []).map((r) => ({
              value: r.resourceId,
              label: `${r.nameZh} (${r.sourceUnitName ?? ''})`,
            }))}
            onChange={setResourceId}
          />
          <Typography.Text type="secondary">
            {t('authorization.wizard.selected', { n: Object.keys(picks).length })}
          </Typography.Text>
        </Space>
        {pickError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={pickError} />}
        {resource && (
          <Table<WizardField>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={resource.fields}
            columns={columns}
          />
        )}
        <Button type="primary" style={{ marginTop: 16 }} disabled={!Object.keys(picks).length} onClick={next}>
          {t('authorization.wizard.next')}
        </Button>
      </div>
      <Form
        form={form}
        layout="vertical"
        style={{ display: step === 1 ? 'block' : 'none', maxWidth: 760 }}
        initialValues={{
          from: dayjs().add(1, 'day'),
          methods: ['sandbox_query'],
          purpose: 'industry',
          outputs: ['aggregate'],
        }}
      >
        <Form.Item
          name="title"
          label={t('authorization.wizard.scenarioTitle')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('authorization.wizard.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="serviceObjects"
          label={t('authorization.wizard.serviceObjects')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="regions"
          label={t('authorization.wizard.regions')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item
            name="from"
            label={t('authorization.wizard.periodFrom')}
            rules={[{ required: true, message: t('authorization.wizard.required') }]}
          >
            <DatePicker onChange={() => form.validateFields(['to', 'usageTimeLimit']).catch(() => undefined)} />
          </Form.Item>
          <Form.Item
            name="to"
            label={t('authorization.wizard.periodTo')}
            style={{ maxWidth: 260 }}
            dependencies={['from']}
            rules={[
              { required: true, message: t('authorization.wizard.required') },
              notBeforeStart(t('authorization.wizard.periodTo')),
              afterToday(t('authorization.wizard.periodTo')),
              withinAgreement(t('authorization.wizard.periodTo')),
            ]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="usageTimeLimit"
            label={t('authorization.wizard.usageTimeLimit')}
            style={{ maxWidth: 260 }}
            dependencies={['from']}
            rules={[
              { required: true, message: t('authorization.wizard.required') },
              afterToday(t('authorization.wizard.usageTimeLimit')),
              notBeforeStart(t('authorization.wizard.usageTimeLimit')),
              withinAgreement(t('authorization.wizard.usageTimeLimit')),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        {validTo && (
          <Typography.Paragraph type="secondary">
            {t('authorization.wizard.agreementEnds', { validTo: formatDate(catalog.data?.validTo) })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="outcome"
          label={t('authorization.wizard.outcome')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="indicator"
          label={t('authorization.wizard.indicator')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="methods"
          label={t('authorization.wizard.methods')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Checkbox.Group options={METHODS.map((m) => ({ value: m, label: methodLabel(t, m) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('authorization.wizard.purpose')}>
          <Select options={PURPOSES.map((m) => ({ value: m, label: purposeLabel(t, m) }))} />
        </Form.Item>
        <Form.Item name="outputs" label={t('authorization.wizard.outputs')}>
          <Checkbox.Group options={OUTPUTS.map((m) => ({ value: m, label: outputLabel(t, m) }))} />
        </Form.Item>
        <Form.Item
          name="riskFile"
          label={t('authorization.wizard.riskFile')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="responsible"
          label={t('authorization.wizard.responsible')}
          rules={[{ required: true, message: t('authorization.wizard.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="coversImportant" valuePropName="checked">
          <Checkbox>{t('authorization.wizard.coversImportant')}</Checkbox>
        </Form.Item>
        <Space>
          <Button onClick={() => setStep(0)}>{t('authorization.wizard.prev')}</Button>
          <Button disabled={!editable} loading={save.isPending} onClick={() => onSave(false)}>
            {t('authorization.wizard.saveDraft')}
          </Button>
          <Button type="primary" disabled={!editable} loading={save.isPending} onClick={() => onSave(true)}>
            {t('authorization.wizard.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** A stored application as the wizard's form values. */
function formValues(a: Application): Partial<ScenarioForm> {
  return {
    title: a.scenario.title,
    description: a.scenario.description ?? '',
    serviceObjects: a.serviceObjects.join(', '),
    regions: (a.serviceScope?.regions ?? []).join(', '),
    from: dayjs(a.servicePeriod.from),
    to: dayjs(a.servicePeriod.to),
    usageTimeLimit: dayjs(a.usageTimeLimit),
    outcome: a.expectedOutcome.text ?? '',
    indicator: a.expectedOutcome.indicators?.[0] ?? '',
    methods: membersOf(METHODS, a.developmentMethods),
    purpose: memberOf(PURPOSES, a.purposeCategory),
    outputs: membersOf(ALL_OUTPUTS, a.proposedEgress?.allowedOutputKinds ?? ['aggregate']),
    riskFile: a.riskAssessment?.fileId ?? '',
    responsible: a.riskAssessment?.responsiblePerson ?? '',
    coversImportant: !!a.riskAssessment?.coversImportantFields,
  };
}
