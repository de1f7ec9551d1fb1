import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { selectRequired } from '../../../utils/formRules';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { label as rightsLabel } from '../../rights/labels';
import { label as supervisionLabel } from '../../supervision/labels';
import {
  labsApi,
  useEndings,
  useKnownEvaluators,
  useEvaluators,
  useLabMutation,
  useLabs,
  type Endings,
  type Evaluation,
  type Lab,
} from '../api';
import { evaluationLink, ResultTag } from '../components/EvaluationCard';
import { endingKindLabel, evaluationStateLabel, supplyModeLabel } from '../labels';

type Dialog = 'commission' | 'rectify' | 'terminate' | 'delist' | 'merge' | null;

/**
 * Evaluation and exit (LAB-20, LAB-22 … LAB-26, LAB-30): the annual evaluations, the initiator's rectification order
 * after a failed one, termination, and the authority's revocation, delisting (摘牌) or merger with the plaque's
 * status, the Bans recorded and the notices sent. Buttons follow the server's abilities.
 */
export function EndingsTab({ lab }: { lab: Lab }) {
  const t = useT();
  const q = useEndings(lab.id);
  const [open, setOpen] = useState<Dialog>(null);
  const close = useLabMutation(() => labsApi.closeRectification(lab.id));
  if (q.error) return <ErrorAlert error={q.error} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const can = (a: string) => d.abilities.includes(a);
  const buttons: [string, Exclude<Dialog, null>, string][] = [
    ['commission_evaluation', 'commission', t('labs.endings.commission')],
    ['order_rectification', 'rectify', t('labs.endings.orderRectification')],
    ['terminate', 'terminate', t('labs.endings.terminate')],
    ['merge', 'merge', t('labs.endings.merge')],
    ['delist', 'delist', t('labs.endings.delist')],
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('labs.endings.evaluations')}
        extra={
          <Space wrap>
            {buttons
              .filter(([a]) => can(a))
              .map(([, dialog, text]) => (
                <Button
                  key={dialog}
                  danger={dialog === 'delist' || dialog === 'terminate'}
                  onClick={() => setOpen(dialog)}
                >
                  {text}
                </Button>
              ))}
            {can('close_rectification') && (
              <Button loading={close.isPending} onClick={() => close.mutate(undefined)}>
                {t('labs.endings.closeRectification')}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={close.error} />
        <Table<Evaluation>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.evaluations}
          locale={{ emptyText: t('labs.endings.noEvaluations') }}
          columns={[
            { title: t('labs.evaluation.no'), render: (_, e) => evaluationLink(e) },
            { title: t('labs.evaluation.year'), dataIndex: 'year' },
            { title: t('labs.evaluation.evaluator'), dataIndex: 'evaluator' },
            { title: t('labs.col.state'), render: (_, e) => evaluationStateLabel(t, e.state) },
            { title: t('labs.evaluation.total'), render: (_, e) => e.total ?? '-' },
            { title: t('labs.evaluation.result'), render: (_, e) => <ResultTag result={e.result} /> },
            {
              title: t('labs.evaluation.serious'),
              render: (_, e) => (e.serious ? <Tag color="red">{t('labs.evaluation.seriousYes')}</Tag> : '-'),
            },
          ]}
        />
      </Card>
      <ExitRecord d={d} />
      {open && <EndingDialog lab={lab} d={d} kind={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** The rectification, the termination and the ending, as far as they happened. */
function ExitRecord({ d }: { d: Endings }) {
  const t = useT();
  const r = d.rectification;
  const term = d.termination;
  const end = d.ending;
  if (!r && !term && !end)
    return (
      <Card size="small" title={t('labs.endings.exit')}>
        <Empty description={t('labs.endings.noExit')} />
      </Card>
    );
  return (
    <Card size="small" title={t('labs.endings.exit')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {r && (
          <Descriptions
            size="small"
            title={t('labs.endings.rectification')}
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'on', label: t('labs.endings.orderedOn'), children: formatDate(r.orderedOn) },
              { key: 'dl', label: t('labs.endings.deadline'), children: formatDate(r.deadline) },
              {
                key: 'st',
                label: t('labs.col.state'),
                children: (
                  <Link to={`/supervision/rectifications/${r.rectificationId}`}>
                    {supervisionLabel(t, 'rectState', r.state)}
                  </Link>
                ),
              },
            ]}
          />
        )}
        {term && (
          <Descriptions
            size="small"
            title={t('labs.endings.termination')}
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'on', label: t('labs.endings.terminatedOn'), children: formatDate(term.terminatedOn) },
              { key: 'why', label: t('labs.dossier.reason'), children: term.reason },
              {
                key: 'grants',
                label: t('labs.endings.revokedGrants'),
                children: t('labs.endings.grantCount', { n: term.revokedGrantIds.length }),
              },
            ]}
          />
        )}
        {end && (
          <>
            <Descriptions
              size="small"
              title={endingKindLabel(t, end.kind)}
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'on', label: t('labs.endings.decidedOn'), children: formatDate(end.decidedOn) },
                { key: 'why', label: t('labs.dossier.reason'), children: end.reason },
                {
                  key: 'plaque',
                  label: t('labs.plaque.status'),
                  children: end.plaqueStatus ? rightsLabel(t, 'certStatus', end.plaqueStatus) : '-',
                },
                { key: 'supply', label: t('labs.lab.supplyMode'), children: supplyModeLabel(t, d.supplyMode) },
                {
                  key: 'grants',
                  label: t('labs.endings.revokedGrants'),
                  children: t('labs.endings.grantCount', { n: end.revokedGrantIds.length }),
                },
                {
                  key: 'notices',
                  label: t('labs.endings.notices'),
                  children:
                    end.notices.map((n) => `${n.recipientZh} ${formatDateTime(n.at)}`).join(t('labs.common.sep')) ||
                    '-',
                },
              ]}
            />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={end.bans}
              locale={{ emptyText: t('labs.endings.noBan') }}
              columns={[
                { title: t('labs.endings.ban'), render: (_, b) => <Tag color="red">{b.ruleId}</Tag> },
                { title: t('labs.endings.banFrom'), render: (_, b) => formatDate(b.startsOn) },
                { title: t('labs.endings.banTo'), render: (_, b) => formatDate(b.endsOn) },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}

type Values = Record<string, string | number | undefined>;

function EndingDialog(p: { lab: Lab; d: Endings; kind: Exclude<Dialog, null>; onClose: () => void }) {
  const t = useT();
  const { lab, d, kind } = p;
  const [form] = Form.useForm<Values>();
  const evaluators = useEvaluators(kind === 'commission');
  const known = useKnownEvaluators(kind === 'commission');
  const labs = useLabs();
  const send = useLabMutation((v: Values): Promise<unknown> => {
    const reason = String(v.reason ?? '');
    if (kind === 'commission')
      return labsApi.commission(lab.id, { year: Number(v.year), evaluatorOrgId: String(v.evaluatorOrgId) });
    if (kind === 'rectify')
      return labsApi.orderRectification(lab.id, {
        evaluationId: String(v.evaluationId),
        items: [{ finding: String(v.finding), requiredAction: String(v.requiredAction) }],
      });
    if (kind === 'terminate') return labsApi.terminate(lab.id, reason);
    if (kind === 'merge') return labsApi.merge(lab.id, { successorLabId: String(v.successorLabId), reason });
    return labsApi.delist(lab.id, { basis: { kind: 'rectification', ref: String(v.basis) }, reason });
  }, p.onClose);
  const required = [{ required: true, message: t('labs.form.required') }];
  const chosen = [selectRequired(t('labs.form.required'))];
  const evaluatorOptions = new Map<string, string>([
    ...(evaluators.data?.items ?? []).map((o): [string, string] => [o.id, o.nameZh]),
    ...known,
  ]);
  const failed = d.evaluations.filter((e) => e.result === 'fail');
  const titles = {
    commission: t('labs.endings.commission'),
    rectify: t('labs.endings.orderRectification'),
    terminate: t('labs.endings.terminate'),
    merge: t('labs.endings.merge'),
    delist: t('labs.endings.delist'),
  };
  return (
    <Modal
      open
      title={titles[kind]}
      okText={t('labs.common.confirm')}
      cancelText={t('labs.common.cancel')}
      confirmLoading={send.isPending}
      onCancel={p.onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={send.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => send.mutate(v)}
        initialValues={{ year: new Date().getFullYear() }}
      >
        {kind === 'commission' && (
          <>
            <Form.Item name="year" label={t('labs.evaluation.year')} rules={required}>
              <InputNumber min={2026} max={2100} />
            </Form.Item>
            <Form.Item name="evaluatorOrgId" label={t('labs.evaluation.evaluator')} rules={chosen}>
              <Select options={[...evaluatorOptions].map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </>
        )}
        {kind === 'rectify' && (
          <>
            <Form.Item name="evaluationId" label={t('labs.endings.failedEvaluation')} rules={chosen}>
              <Select options={failed.map((e) => ({ value: e.id, label: `${e.evaluationNo} · ${e.year}` }))} />
            </Form.Item>
            <Form.Item name="finding" label={t('labs.endings.finding')} rules={required}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="requiredAction" label={t('labs.endings.requiredAction')} rules={required}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {kind === 'merge' && (
          <Form.Item name="successorLabId" label={t('labs.endings.successor')} rules={chosen}>
            <Select
              options={(labs.data?.items ?? [])
                .filter((l) => l.id !== lab.id && l.state === 'active')
                .map((l) => ({ value: l.id, label: `${l.labNo} ${l.name}` }))}
            />
          </Form.Item>
        )}
        {kind === 'delist' && (
          <Form.Item name="basis" label={t('labs.endings.delistBasis')} rules={chosen}>
            <Select
              options={
                d.rectification
                  ? [
                      {
                        value: d.rectification.rectificationId,
                        label: `${t('labs.endings.rectification')} · ${formatDate(d.rectification.orderedOn)}`,
                      },
                    ]
                  : []
              }
            />
          </Form.Item>
        )}
        {kind !== 'commission' && kind !== 'rectify' && (
          <Form.Item name="reason" label={t('labs.dossier.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
