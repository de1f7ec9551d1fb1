import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { selectRequired } from '../../../utils/formRules';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import {
  labsApi,
  useGuides,
  useLabMutation,
  usePartnerCandidates,
  type CreateApplicationInput,
  type Seal,
} from '../api';
import { FilePicker } from '../components/FileDigest';
import { SealGrid } from '../components/SealGrid';
import { PLAN_ITEMS, planItemLabel, qualificationLabel } from '../labels';

interface Values {
  guideId: string;
  partnerOrgId: string;
  name: string;
  domain?: string;
  scenarioCode: string;
  scenarioSummary: string;
  researchDirection: string;
  initiatorContact?: string;
  partnerContact?: string;
  plan: Record<(typeof PLAN_ITEMS)[number], string>;
  milestone: string;
  milestoneDue: string;
  indicatorName: string;
  indicatorTarget: string;
  indicatorUnit: string;
  directorName: string;
  directorTitle?: string;
  qualification: 'domain_expert' | 'manager';
  commitment?: string;
  cv?: string;
  agreementDraft?: string;
}

/**
 * The application wizard (申报, 000:L29): the call it answers, the partner, the scenario, the construction plan, the
 * director, the data-security commitment and agreement draft, and the six seals. It saves a draft; the initiator
 * submits it from the dossier (LAB-01 … LAB-07 are checked there and named beside the form).
 */
export default function ApplicationNewPage() {
  const t = useT();
  const nav = useNavigate();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [seals, setSeals] = useState<Seal[]>([]);
  const guides = useGuides();
  const [search, setSearch] = useState('');
  const orgs = usePartnerCandidates(search);
  const [partner, setPartner] = useState<{ id: string; name: string }>();
  const create = useLabMutation(labsApi.createApplication, (a) => nav(`/labs/applications/${a.id}`));
  const guideId = Form.useWatch('guideId', form);
  const guide = guides.data?.items.find((g) => g.id === guideId);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  const onFinish = (v: Values) => create.mutate(body(v, me.org.id, seals));
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('labs.apply.title')}
      </Typography.Title>
      <ErrorAlert error={create.error} />
      <Card title={t('labs.apply.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="guideId" label={t('labs.apply.guide')} rules={chosen}>
              <Select
                loading={guides.isLoading}
                options={(guides.data?.items ?? [])
                  .filter((g) => g.state === 'published')
                  .map((g) => ({ value: g.id, label: `${g.guideNo} ${g.title}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="partnerOrgId" label={t('labs.apply.partner')} rules={chosen}>
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                loading={orgs.isFetching}
                onChange={(id: string) => {
                  const o = orgs.data?.items.find((x) => x.id === id);
                  setPartner(o && { id: o.id, name: o.name });
                }}
                options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.uscc}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('labs.apply.name')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="domain" label={t('labs.apply.domain')}>
              <Select allowClear options={(guide?.domains ?? []).map((d) => ({ value: d, label: d }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="scenarioCode"
              label={t('labs.apply.scenarioCode')}
              tooltip={t('labs.apply.scenarioCodeHint')}
              rules={[...required, { pattern: /^[A-Z0-9_.]+$/, message: t('labs.apply.scenarioCodeHint') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="scenarioSummary" label={t('labs.apply.scenarioSummary')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="researchDirection" label={t('labs.apply.researchDirection')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="initiatorContact" label={t('labs.apply.initiatorContact')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="partnerContact" label={t('labs.apply.partnerContact')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('labs.apply.plan')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {PLAN_ITEMS.map((k) => (
            <Col xs={24} md={12} key={k}>
              <Form.Item name={['plan', k]} label={planItemLabel(t, k)}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} md={8}>
            <Form.Item name="milestone" label={t('labs.apply.milestone')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="milestoneDue" label={t('labs.apply.milestoneDue')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="indicatorName" label={t('labs.apply.indicatorName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="indicatorTarget" label={t('labs.apply.indicatorTarget')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="indicatorUnit" label={t('labs.apply.indicatorUnit')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('labs.apply.directorAndFiles')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="directorName" label={t('labs.apply.directorName')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="directorTitle" label={t('labs.apply.directorTitle')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="qualification" label={t('labs.apply.qualification')} rules={chosen}>
              <Select
                options={(['domain_expert', 'manager'] as const).map((q) => ({
                  value: q,
                  label: qualificationLabel(t, q),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="cv" label={t('labs.dossier.directorCv')}>
              <FilePicker label={t('labs.dossier.directorCv')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="commitment" label={t('labs.apply.commitment')}>
              <FilePicker label={t('labs.apply.commitment')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="agreementDraft" label={t('labs.apply.agreementDraft')}>
              <FilePicker label={t('labs.apply.agreementDraft')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('labs.apply.seals')} style={{ marginBottom: 16 }}>
        {partner ? (
          <SealGrid
            seals={seals.filter((s) => s.orgId === me.org.id || s.orgId === partner.id)}
            initiator={{ id: me.org.id, name: me.org.nameZh }}
            partner={partner}
            onChange={setSeals}
          />
        ) : (
          <Typography.Text type="secondary">{t('labs.apply.pickPartnerFirst')}</Typography.Text>
        )}
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('labs.apply.saveDraft')}
        </Button>
        <Button onClick={() => nav('/labs/applications')}>{t('labs.common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** The create body: the form's words, the plan's rows and the seals of the two parties named. */
function body(v: Values, initiatorOrgId: string, seals: Seal[]): CreateApplicationInput {
  const plan = Object.fromEntries(PLAN_ITEMS.map((k) => [k, v.plan?.[k] ?? '']));
  return {
    guideId: v.guideId,
    partnerOrgId: v.partnerOrgId,
    name: v.name,
    domain: v.domain ?? '',
    scenarioCode: v.scenarioCode,
    scenarioSummary: v.scenarioSummary,
    researchDirection: v.researchDirection,
    applicationForm: {
      unitInfo: [
        { orgId: initiatorOrgId, contact: v.initiatorContact ?? '', summary: '' },
        { orgId: v.partnerOrgId, contact: v.partnerContact ?? '', summary: '' },
      ],
      staff: [],
      attachments: [],
    },
    constructionPlan: {
      ...(plan as Record<(typeof PLAN_ITEMS)[number], string>),
      researchSchedule: v.milestone && v.milestoneDue ? [{ milestone: v.milestone, dueDate: v.milestoneDue }] : [],
      periodIndicators: v.indicatorName
        ? [{ name: v.indicatorName, target: v.indicatorTarget ?? '', unit: v.indicatorUnit ?? '' }]
        : [],
    },
    securityCommitmentFileId: v.commitment ?? null,
    agreementDraftFileId: v.agreementDraft ?? null,
    seals: seals.filter((s) => s.orgId === initiatorOrgId || s.orgId === v.partnerOrgId),
    director: {
      name: v.directorName,
      title: v.directorTitle ?? '',
      qualification: v.qualification,
      cvFileId: v.cv ?? null,
    },
  };
}
