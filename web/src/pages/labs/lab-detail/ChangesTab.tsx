import { useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { selectRequired } from '../../../utils/formRules';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import {
  labsApi,
  useChanges,
  useLabMutation,
  usePartnerCandidates,
  type ChangeRequest,
  type Lab,
  type SubmitChangeInput,
} from '../api';
import { FilePicker } from '../components/FileDigest';
import { StateTag } from '../components/StateTag';
import { changeKindLabel, GRADES, SUPPLY_METHODS, supplyMethodLabel, supplyModeLabel, trackLabel } from '../labels';
import { ResourcePicker } from './AgreementForm';

const CHANGEABLE = ['active', 'rectifying', 'partner_change_pending'];
const KINDS = [
  'general',
  'data_scope',
  'security_requirements',
  'supply_method',
  'partner_change',
  'revocation',
] as const;
type Kind = (typeof KINDS)[number];

/**
 * LabChangeRequests (LAB-21): the parties ask; the track (approval or filing) is computed by the server from what
 * changes, never chosen here. The authority decides approval-track requests; filing-track ones are effective at once.
 */
export function ChangesTab({ lab }: { lab: Lab }) {
  const t = useT();
  const { facts, me } = useSession();
  const q = useChanges(lab.id);
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<ChangeRequest | null>(null);
  const party = me.org.id === lab.initiatorOrgId || me.org.id === lab.partnerOrgId;
  const authority = facts.actors.includes('authority');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {party && CHANGEABLE.includes(lab.state) && !asking && (
        <Button type="primary" onClick={() => setAsking(true)}>
          {t('labs.change.new')}
        </Button>
      )}
      {asking && <ChangeForm lab={lab} onDone={() => setAsking(false)} />}
      <ErrorAlert error={q.error} />
      <Table<ChangeRequest>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('labs.change.none') }}
        expandable={{ expandedRowRender: (c) => <DiffView c={c} /> }}
        columns={[
          { title: t('labs.change.no'), dataIndex: 'requestNo' },
          {
            title: t('labs.change.kinds'),
            render: (_, c) => c.kinds.map((k) => <Tag key={k}>{changeKindLabel(t, k)}</Tag>),
          },
          {
            title: t('labs.change.track'),
            render: (_, c) => <Tag color={c.track === 'approval' ? 'orange' : 'blue'}>{trackLabel(t, c.track)}</Tag>,
          },
          { title: t('labs.change.reason'), dataIndex: 'reason' },
          { title: t('labs.change.createdAt'), render: (_, c) => formatDateTime(c.createdAt) },
          { title: t('labs.col.state'), render: (_, c) => <StateTag of="change" state={c.state} /> },
          {
            title: t('labs.col.actions'),
            render: (_, c) =>
              authority &&
              c.state === 'submitted' && (
                <Button size="small" type="primary" onClick={() => setDeciding(c)}>
                  {t('labs.change.decide')}
                </Button>
              ),
          },
        ]}
      />
      {deciding && <DecideDialog c={deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

/** What the request changes, in words. */
function DiffView({ c }: { c: ChangeRequest }) {
  const t = useT();
  const d = c.diff;
  const rows: [string, string][] = [];
  if (d.researchSchedule)
    rows.push([
      t('labs.change.schedule'),
      d.researchSchedule.map((m) => `${m.milestone} ${formatDate(m.dueDate)}`).join(t('labs.common.sep')),
    ]);
  if (d.researchDirection) rows.push([t('labs.apply.researchDirection'), d.researchDirection]);
  if (d.securityRequirements) rows.push([changeKindLabel(t, 'security_requirements'), d.securityRequirements]);
  if (d.supplyMode) rows.push([changeKindLabel(t, 'supply_method'), supplyModeLabel(t, d.supplyMode)]);
  if (d.dataScopeAdd?.length)
    rows.push([changeKindLabel(t, 'data_scope'), t('labs.change.lines', { n: d.dataScopeAdd.length })]);
  if (d.newPartnerOrgId) rows.push([changeKindLabel(t, 'partner_change'), t('labs.change.newPartnerNamed')]);
  if (d.revocation) rows.push([changeKindLabel(t, 'revocation'), t('labs.common.yes')]);
  if (d.other) rows.push([t('labs.change.other'), d.other]);
  if (c.decision)
    rows.push([t('labs.change.decision'), `${c.decision.reason || '-'} · ${formatDateTime(c.decision.at)}`]);
  return (
    <Space direction="vertical" size={2}>
      {rows.map(([k, v]) => (
        <Typography.Text key={k}>
          <Typography.Text strong>{k}</Typography.Text>: {v}
        </Typography.Text>
      ))}
      {c.grantIds.length > 0 && (
        <Typography.Text>{t('labs.change.grantsOpened', { n: c.grantIds.length })}</Typography.Text>
      )}
    </Space>
  );
}

type Values = {
  kind: Kind;
  reason: string;
  supplement?: string;
  milestone?: string;
  dueDate?: string;
  researchDirection?: string;
  other?: string;
  security?: string;
  supplyMode?: 'initiator_direct' | 'operator_market';
  newPartnerOrgId?: string;
  line?: {
    dataResourceId: string;
    fieldIds: string[];
    grade: (typeof GRADES)[number];
    rawAllowed?: boolean;
    supplyMethod: (typeof SUPPLY_METHODS)[number];
    validTo: string;
  };
};

function diffOf(v: Values): SubmitChangeInput['diff'] {
  switch (v.kind) {
    case 'general':
      return {
        ...(v.milestone && v.dueDate ? { researchSchedule: [{ milestone: v.milestone, dueDate: v.dueDate }] } : {}),
        ...(v.researchDirection ? { researchDirection: v.researchDirection } : {}),
        ...(v.other ? { other: v.other } : {}),
      };
    case 'security_requirements':
      return { securityRequirements: v.security ?? '' };
    case 'supply_method':
      return { supplyMode: v.supplyMode };
    case 'partner_change':
      return { newPartnerOrgId: v.newPartnerOrgId };
    case 'revocation':
      return { revocation: true };
    case 'data_scope':
      return v.line
        ? {
            dataScopeAdd: [
              {
                dataResourceId: v.line.dataResourceId,
                fieldIds: v.line.fieldIds,
                classification: { category: '', grade: v.line.grade },
                rawAllowed: !!v.line.rawAllowed,
                supplyMethod: v.line.supplyMethod,
                validTo: v.line.validTo,
              },
            ],
          }
        : {};
  }
}

function ChangeForm({ lab, onDone }: { lab: Lab; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'general';
  const [search, setSearch] = useState('');
  const orgs = usePartnerCandidates(search);
  const submit = useLabMutation((b: SubmitChangeInput) => labsApi.submitChange(lab.id, b), onDone);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  const onFinish = (v: Values) =>
    submit.mutate({
      kind: v.kind,
      reason: v.reason,
      diff: diffOf(v),
      supplementaryAgreementFileId: v.supplement ?? null,
    });
  return (
    <Card title={t('labs.change.new')} size="small">
      <Typography.Paragraph type="secondary">{t('labs.change.trackHint')}</Typography.Paragraph>
      <ErrorAlert error={submit.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'general', line: { grade: 'general', supplyMethod: 'db_view' } }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('labs.change.kind')}>
              <Select options={KINDS.map((k) => ({ value: k, label: changeKindLabel(t, k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="reason" label={t('labs.change.reason')} rules={required}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          {kind === 'general' && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="milestone" label={t('labs.apply.milestone')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={4}>
                <Form.Item name="dueDate" label={t('labs.apply.milestoneDue')}>
                  <Input type="date" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="researchDirection" label={t('labs.apply.researchDirection')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="other" label={t('labs.change.other')}>
                  <Input.TextArea rows={2} maxLength={5000} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'security_requirements' && (
            <Col xs={24}>
              <Form.Item name="security" label={changeKindLabel(t, kind)} rules={required}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
          )}
          {kind === 'supply_method' && (
            <Col xs={24} md={8}>
              <Form.Item name="supplyMode" label={t('labs.lab.supplyMode')} rules={chosen}>
                <Select
                  options={(['initiator_direct', 'operator_market'] as const).map((m) => ({
                    value: m,
                    label: supplyModeLabel(t, m),
                  }))}
                />
              </Form.Item>
            </Col>
          )}
          {kind === 'partner_change' && (
            <Col xs={24} md={12}>
              <Form.Item name="newPartnerOrgId" label={t('labs.change.newPartner')} rules={chosen}>
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setSearch}
                  options={(orgs.data?.items ?? [])
                    .filter((o) => o.id !== lab.partnerOrgId)
                    .map((o) => ({ value: o.id, label: `${o.name} · ${o.uscc}` }))}
                />
              </Form.Item>
            </Col>
          )}
          {kind === 'data_scope' && (
            <>
              <ResourcePicker name={['line']} watch={['line']} />
              <Col xs={12} md={6}>
                <Form.Item name={['line', 'grade']} label={t('labs.scope.grade')} rules={chosen}>
                  <Select options={GRADES.map((g) => ({ value: g, label: t(`authorization.grade.${g}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['line', 'supplyMethod']} label={t('labs.scope.supplyMethod')} rules={chosen}>
                  <Select options={SUPPLY_METHODS.map((m) => ({ value: m, label: supplyMethodLabel(t, m) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['line', 'validTo']} label={t('labs.scope.validTo')} rules={required}>
                  <Input type="date" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['line', 'rawAllowed']} label={t('labs.scope.raw')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24}>
            <Form.Item name="supplement" label={t('labs.change.supplement')}>
              <FilePicker label={t('labs.change.supplement')} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('labs.change.submit')}
          </Button>
          <Button onClick={onDone}>{t('labs.common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The authority decides an approval-track request; an approved scope addition opens its Grants. */
function DecideDialog({ c, onClose }: { c: ChangeRequest; onClose: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const decide = useLabMutation(
    (decision: 'approved' | 'rejected') => labsApi.decideChange(c.id, { decision, reason }),
    onClose,
  );
  return (
    <Modal
      open
      title={`${t('labs.change.decide')} · ${c.requestNo}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('labs.common.cancel')}</Button>
          <Button danger loading={decide.isPending} onClick={() => decide.mutate('rejected')}>
            {t('labs.change.reject')}
          </Button>
          <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate('approved')}>
            {t('labs.change.approve')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={decide.error} />
      <DiffView c={c} />
      <Input.TextArea
        style={{ marginTop: 12 }}
        rows={3}
        aria-label={t('labs.change.decisionReason')}
        placeholder={t('labs.change.decisionReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
