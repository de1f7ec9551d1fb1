import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { labsApi, useLabMutation, type Evaluation, type SubmitEvaluationInput } from '../api';
import { evaluationStateLabel, misconductLabel, resultLabel, STATE_COLOR } from '../labels';

const MISCONDUCT = ['refusal', 'obstruction', 'evasion', 'fraud'] as const;

/** pass / fail as a coloured tag; none before conclusion. */
export function ResultTag({ result }: { result: string | null }) {
  const t = useT();
  if (!result) return <span>-</span>;
  return <Tag color={result === 'pass' ? 'green' : 'red'}>{resultLabel(t, result)}</Tag>;
}

/**
 * One annual evaluation (LAB-22, LAB-25, LAB-26): the guide's indicators with the evaluator's scores, misconduct
 * found, the initiator's concurrence and the evaluator's conflict declaration; the buttons follow the server's
 * abilities (the initiator concurs; the evaluator declares and scores; the authority returns, concludes, marks
 * misconduct serious).
 */
export function EvaluationCard({ e, showLab }: { e: Evaluation; showLab?: boolean }) {
  const t = useT();
  const [dialog, setDialog] = useState<'declare' | 'submit' | 'serious' | null>(null);
  const act = useLabMutation((a: 'concur' | 'return' | 'conclude') => labsApi.evaluationAction(e.id, a));
  const can = (a: string) => e.abilities.includes(a);
  const score = (code: string) => e.scores.find((s) => s.indicatorCode === code);
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {e.evaluationNo}
          <Tag color={STATE_COLOR[e.state] ?? 'blue'}>{evaluationStateLabel(t, e.state)}</Tag>
          <ResultTag result={e.result} />
        </Space>
      }
      extra={
        <Space wrap>
          {can('concur') && (
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate('concur')}>
              {t('labs.evaluation.concur')}
            </Button>
          )}
          {can('declare') && <Button onClick={() => setDialog('declare')}>{t('labs.evaluation.declare')}</Button>}
          {can('submit') && (
            <Button type="primary" onClick={() => setDialog('submit')}>
              {t('labs.evaluation.submit')}
            </Button>
          )}
          {can('conclude') && (
            <Button type="primary" loading={act.isPending} onClick={() => act.mutate('conclude')}>
              {t('labs.evaluation.conclude')}
            </Button>
          )}
          {can('return') && (
            <Button loading={act.isPending} onClick={() => act.mutate('return')}>
              {t('labs.evaluation.return')}
            </Button>
          )}
          {can('mark_serious') && (
            <Button danger onClick={() => setDialog('serious')}>
              {t('labs.evaluation.markSerious')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={act.error} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          ...(showLab
            ? [
                {
                  key: 'lab',
                  label: t('labs.dossier.lab'),
                  children: `${e.labNo} ${e.labName}`,
                },
              ]
            : []),
          { key: 'year', label: t('labs.evaluation.year'), children: e.year },
          { key: 'ev', label: t('labs.evaluation.evaluator'), children: e.evaluator },
          { key: 'total', label: t('labs.evaluation.total'), children: e.total ?? '-' },
          {
            key: 'concur',
            label: t('labs.evaluation.concurrence'),
            children: e.initiatorConcurrence ? formatDateTime(e.initiatorConcurrence.at) : t('labs.evaluation.pending'),
          },
          {
            key: 'decl',
            label: t('labs.evaluation.declaration'),
            children: e.conflictDeclaration
              ? `${t(e.conflictDeclaration.hasConflict ? 'labs.evaluation.hasConflict' : 'labs.evaluation.noConflict')} · ${e.conflictDeclaration.statement}`
              : t('labs.evaluation.pending'),
          },
          { key: 'at', label: t('labs.evaluation.concludedAt'), children: formatDateTime(e.concludedAt) },
          ...(e.serious
            ? [{ key: 'serious', label: t('labs.evaluation.serious'), span: 3, children: e.serious.reason }]
            : []),
        ]}
      />
      <Table
        style={{ marginTop: 8 }}
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={e.indicators}
        columns={[
          { title: t('labs.guides.indicatorName'), dataIndex: 'name' },
          { title: t('labs.guides.weight'), render: (_, i) => `${i.weight}%` },
          { title: t('labs.evaluation.score'), render: (_, i) => score(i.code)?.score ?? '-' },
          { title: t('labs.evaluation.note'), render: (_, i) => score(i.code)?.note || '-' },
        ]}
      />
      {e.misconduct.length > 0 && (
        <Table
          style={{ marginTop: 8 }}
          rowKey={(m) => `${m.kind}:${m.facts}`}
          size="small"
          pagination={false}
          dataSource={e.misconduct}
          columns={[
            {
              title: t('labs.evaluation.misconduct'),
              render: (_, m) => <Tag color="red">{misconductLabel(t, m.kind)}</Tag>,
            },
            { title: t('labs.evaluation.facts'), dataIndex: 'facts' },
          ]}
        />
      )}
      {dialog && <EvaluationDialog e={e} kind={dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}

type Values = {
  hasConflict?: boolean;
  statement?: string;
  reason?: string;
  scores?: Record<string, { score?: number; note?: string }>;
  misconductKind?: (typeof MISCONDUCT)[number];
  misconductFacts?: string;
};

function EvaluationDialog(p: { e: Evaluation; kind: 'declare' | 'submit' | 'serious'; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { e, kind } = p;
  const send = useLabMutation((v: Values) => {
    if (kind === 'declare')
      return labsApi.declare(e.id, { hasConflict: !!v.hasConflict, statement: String(v.statement) });
    if (kind === 'serious') return labsApi.markSerious(e.id, String(v.reason));
    const body: SubmitEvaluationInput = {
      scores: e.indicators.map((i) => ({
        indicatorCode: i.code,
        score: Number(v.scores?.[i.code]?.score ?? 0),
        note: v.scores?.[i.code]?.note ?? '',
      })),
      misconduct:
        v.misconductKind && v.misconductFacts
          ? [{ kind: v.misconductKind, facts: v.misconductFacts, evidenceRefs: [] }]
          : [],
    };
    return labsApi.submitEvaluation(e.id, body);
  }, p.onClose);
  const required = [{ required: true, message: t('labs.form.required') }];
  const titles = {
    declare: t('labs.evaluation.declare'),
    submit: t('labs.evaluation.submit'),
    serious: t('labs.evaluation.markSerious'),
  };
  return (
    <Modal
      open
      width={720}
      title={titles[kind]}
      okText={t('labs.common.confirm')}
      cancelText={t('labs.common.cancel')}
      confirmLoading={send.isPending}
      onCancel={p.onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={send.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        {kind === 'declare' && (
          <>
            <Form.Item name="hasConflict" label={t('labs.evaluation.hasConflictQ')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="statement" label={t('labs.evaluation.statement')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {kind === 'serious' && (
          <Form.Item name="reason" label={t('labs.dossier.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {kind === 'submit' && (
          <>
            {e.indicators.map((i) => (
              <Space key={i.code} align="baseline" wrap>
                <Form.Item name={['scores', i.code, 'score']} label={`${i.name} · ${i.weight}%`} rules={required}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
                <Form.Item name={['scores', i.code, 'note']} label={`${i.name} · ${t('labs.evaluation.note')}`}>
                  <Input maxLength={2000} style={{ width: 360 }} />
                </Form.Item>
              </Space>
            ))}
            <Form.Item name="misconductKind" label={t('labs.evaluation.misconduct')}>
              <Select allowClear options={MISCONDUCT.map((m) => ({ value: m, label: misconductLabel(t, m) }))} />
            </Form.Item>
            <Form.Item name="misconductFacts" label={t('labs.evaluation.facts')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** A row link to the evaluation page (the evaluator's workspace reads the same page). */
export const evaluationLink = (e: Pick<Evaluation, 'id' | 'evaluationNo'>) => (
  <Link to={`/labs/evaluations/${e.id}`}>{e.evaluationNo}</Link>
);
