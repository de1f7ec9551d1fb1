import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Input, List, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import {
  docxUrl,
  useApplication,
  useApplicationAction,
  useDecideConsent,
  type DemandItem,
  type ConsentItemDecision,
  type ItemDecision,
} from '../api';
import { GradeTag, StateTag } from '../labels';
import { EvidenceSection } from '../../ledger/EvidenceSection';
import { ConfirmDecision } from './components/ConfirmDecision';
import { Dossier } from './components/Dossier';
import { PsiSwitches, type PsiPermissions } from './components/PsiSwitches';

type Decision = { decision?: ItemDecision['decision']; reason: string };
type ConsentChoice = { decision?: ConsentItemDecision['decision']; conditions: string; reason: string };
type Pending = 'approve' | 'endorse' | 'return' | 'reject' | 'consent' | null;

/**
 * The application page. The reviewer sees the whole dossier and every demand item, decides each item with
 * a reason (nothing preset, AUTH-11), confirms with a summary, and may return or reject; a source unit
 * decides each of its items explicitly (no default, AUTH-12) and confirms; the owner edits, submits or
 * withdraws its draft (issue 14).
 */
export default function ApplicationDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useApplication(id);
  const action = useApplicationAction(id);
  const consent = useDecideConsent();
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [consents, setConsents] = useState<Record<string, ConsentChoice>>({});
  const [pending, setPending] = useState<Pending>(null);
  const [psiSet, setPsi] = useState<PsiPermissions | null>(null);
  const a = q.data;
  if (q.error) return <QueryError error={q.error} />;
  if (!a) return <Card loading />;
  const can = (x: string) => a.abilities?.includes(x);
  const items = a.items ?? [];
  const myConsent = a.consents?.find((c) => c.abilities?.includes('decide'));
  const myItems = items.filter((i) => myConsent && i.sourceUnitOrgId === myConsent.sourceUnitOrgId);
  const deciding = (can('approve') || can('endorse')) && a.state === 'under_review';
  // PSI-01: until the approver touches the switches they show what the application asked for, count only.
  const psiRequested = a.developmentMethods.includes('psi');
  const psi = psiSet ?? { allowed: psiRequested, membership: false };
  // Items a source unit refused are rejected with its reason; the authority cannot override (AUTH-12).
  const open = items.filter((i) => i.consent !== 'refuse');
  const undecided = open.filter((i) => !decisions[i.id]?.decision || !decisions[i.id]!.reason.trim());
  const itemDecisions = open
    .filter((i) => decisions[i.id]?.decision)
    .map((i) => ({ itemId: i.id, decision: decisions[i.id]!.decision!, reason: decisions[i.id]!.reason.trim() }));
  const consentMissing = myItems.filter(
    (i) => !consents[i.id]?.decision || (consents[i.id]!.decision === 'refuse' && !consents[i.id]!.reason.trim()),
  );
  const run = (name: string, body?: unknown) =>
    action.mutate({ action: name, body }, { onSuccess: () => setPending(null) });
  const setDecision = (itemId: string, d: Partial<Decision>) =>
    setDecisions((old) => ({ ...old, [itemId]: { ...{ reason: '' }, ...old[itemId], ...d } }));
  const setConsent = (itemId: string, c: Partial<ConsentChoice>) =>
    setConsents((old) => ({ ...old, [itemId]: { ...{ conditions: '', reason: '' }, ...old[itemId], ...c } }));

  const columns = [
    { title: t('authorization.common.resource'), dataIndex: 'resourceNameZh' },
    { title: t('authorization.review.requested'), dataIndex: 'fieldNameZh' },
    {
      title: t('authorization.common.grade'),
      render: (_: unknown, i: DemandItem) => (
        <Space size={4}>
          <GradeTag grade={i.grade} />
          {i.personal && <Tag color="purple">{t('authorization.common.personal')}</Tag>}
        </Space>
      ),
    },
    { title: t('authorization.wizard.justification'), dataIndex: 'justification' },
    {
      title: t('authorization.wizard.masking'),
      render: (_: unknown, i: DemandItem) => t(`authorization.masking.${i.requestedMasking?.method ?? 'none'}`),
    },
    {
      title: t('authorization.grants.visibility'),
      render: (_: unknown, i: DemandItem) => t(`authorization.visibility.${i.requestedVisibility}`),
    },
    {
      title: t('authorization.review.consent'),
      render: (_: unknown, i: DemandItem) => (
        <Space direction="vertical" size={0}>
          <StateTag state={i.consent} />
          {i.consentConditions && (
            <Typography.Text type="secondary">
              {t('authorization.consent.conditions')}: {i.consentConditions}
            </Typography.Text>
          )}
          {i.consentReason && <Typography.Text type="secondary">{i.consentReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('authorization.review.decision'),
      width: 260,
      render: (_: unknown, i: DemandItem) => {
        if (deciding && i.consent === 'refuse')
          return <Typography.Text type="danger">{t('authorization.review.refusedBySource')}</Typography.Text>;
        if (deciding)
          return (
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Radio.Group
                aria-label={`${t('authorization.review.decision')} ${i.fieldNameZh}`}
                value={decisions[i.id]?.decision}
                onChange={(e) => setDecision(i.id, { decision: e.target.value })}
                options={[
                  { value: 'accepted', label: t('authorization.review.accepted') },
                  { value: 'rejected', label: t('authorization.review.rejected') },
                ]}
              />
              <Input
                size="small"
                aria-label={`${t('authorization.review.reason')} ${i.fieldNameZh}`}
                placeholder={t('authorization.review.reasonPlaceholder')}
                value={decisions[i.id]?.reason ?? ''}
                onChange={(e) => setDecision(i.id, { reason: e.target.value })}
              />
            </Space>
          );
        return i.decision ? (
          <Space direction="vertical" size={0}>
            <Tag color={i.decision === 'rejected' ? 'red' : 'green'}>
              {t(`authorization.itemDecision.${i.decision}`)}
            </Tag>
            <Typography.Text type="secondary">{i.decisionReason}</Typography.Text>
          </Space>
        ) : (
          '-'
        );
      },
    },
  ];

  /** What the reviewer is about to decide, item by item. */
  const decisionSummary = (
    <List
      size="small"
      bordered
      dataSource={items}
      renderItem={(i) => {
        const d =
          i.consent === 'refuse'
            ? { decision: 'rejected', reason: t('authorization.review.refusedBySource') }
            : decisions[i.id];
        return (
          <List.Item>
            <Space wrap>
              <Typography.Text strong>{i.fieldNameZh}</Typography.Text>
              <Tag color={d?.decision === 'rejected' ? 'red' : 'green'}>
                {t(`authorization.itemDecision.${d?.decision ?? 'rejected'}`)}
              </Tag>
              <Typography.Text type="secondary">{d?.reason}</Typography.Text>
            </Space>
          </List.Item>
        );
      }}
    />
  );
  const consentSummary = (
    <List
      size="small"
      bordered
      dataSource={myItems}
      renderItem={(i) => {
        const c = consents[i.id];
        return (
          <List.Item>
            <Space wrap>
              <Typography.Text strong>{i.fieldNameZh}</Typography.Text>
              <Tag color={c?.decision === 'refuse' ? 'red' : 'green'}>
                {t(c?.decision === 'refuse' ? 'authorization.consent.refuse' : 'authorization.consent.agree')}
              </Tag>
              <Typography.Text type="secondary">{c?.decision === 'refuse' ? c.reason : c?.conditions}</Typography.Text>
            </Space>
          </List.Item>
        );
      }}
    />
  );
  const itemReasons = Object.fromEntries(
    open.filter((i) => decisions[i.id]?.reason.trim()).map((i) => [i.id, decisions[i.id]!.reason.trim()]),
  );

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('authorization.review.title')} · {a.applicationNo}
        </Typography.Title>
      }
      extra={
        a.state === 'approved' && (
          <Button icon={<FileWordOutlined />} href={docxUrl.application(id)}>
            {t('authorization.common.exportWord')}
          </Button>
        )
      }
    >
      <ErrorAlert error={action.error ?? consent.error} />
      {a.grantId && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('authorization.review.grantIssued')}
          action={<Link to={`/authorization/grants/${a.grantId}`}>{t('authorization.review.viewGrant')}</Link>}
        />
      )}
      {a.firstApproval && a.state === 'under_review' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('authorization.review.firstApproved')} />
      )}
      {(a.overlaps ?? []).map((o) => (
        <Alert
          key={o.grantNo}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('authorization.review.overlap', {
            grantNo: o.grantNo,
            fields: o.fields.join(t('authorization.common.sep')),
          })}
        />
      ))}
      {(a.earlierRejections ?? []).map((r, n) => (
        <Alert
          key={n}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('authorization.review.earlierRejection', r)}
        />
      ))}
      <Dossier a={a} />
      <Typography.Title level={5}>{t('authorization.dossier.demandList')}</Typography.Title>
      <Table<DemandItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={columns}
        style={{ marginBottom: 16 }}
        scroll={{ x: 1100 }}
      />
      {(a.consents ?? []).length > 0 && (
        <Card size="small" title={t('authorization.dossier.consents')} style={{ marginBottom: 16 }}>
          <List
            size="small"
            dataSource={a.consents ?? []}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text>{c.sourceUnitName ?? '-'}</Typography.Text>
                  <StateTag state={c.state} />
                  <Typography.Text type="secondary">
                    {t('authorization.consent.dueAt', { at: formatDateTime(c.dueAt) })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {myConsent && (
        <Card size="small" title={t('authorization.consent.title')} style={{ marginBottom: 16 }}>
          <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('authorization.consent.explicit')} />
          <List
            dataSource={myItems}
            renderItem={(i) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{i.fieldNameZh}</Typography.Text>
                  <Radio.Group
                    aria-label={`${t('authorization.consent.title')} ${i.fieldNameZh}`}
                    value={consents[i.id]?.decision}
                    onChange={(e) => setConsent(i.id, { decision: e.target.value })}
                    options={[
                      { value: 'consent', label: t('authorization.consent.agree') },
                      { value: 'refuse', label: t('authorization.consent.refuse') },
                    ]}
                  />
                  {consents[i.id]?.decision === 'consent' && (
                    <Input
                      style={{ width: 320 }}
                      aria-label={`${t('authorization.consent.conditions')} ${i.fieldNameZh}`}
                      placeholder={t('authorization.consent.conditionsPlaceholder')}
                      value={consents[i.id]?.conditions}
                      onChange={(e) => setConsent(i.id, { conditions: e.target.value })}
                    />
                  )}
                  {consents[i.id]?.decision === 'refuse' && (
                    <Input
                      style={{ width: 320 }}
                      status={consents[i.id]!.reason.trim() ? undefined : 'warning'}
                      aria-label={`${t('authorization.consent.refuseReason')} ${i.fieldNameZh}`}
                      placeholder={t('authorization.consent.refuseReason')}
                      value={consents[i.id]?.reason}
                      onChange={(e) => setConsent(i.id, { reason: e.target.value })}
                    />
                  )}
                </Space>
              </List.Item>
            )}
          />
          <Space>
            <Button type="primary" disabled={consentMissing.length > 0} onClick={() => setPending('consent')}>
              {t('authorization.consent.confirm')}
            </Button>
            {consentMissing.length > 0 && (
              <Typography.Text type="secondary">
                {t('authorization.consent.remaining', { n: consentMissing.length })}
              </Typography.Text>
            )}
          </Space>
        </Card>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {(can('edit') || can('edit_returned')) && (
          <Button type="primary" onClick={() => navigate(`/authorization/applications/${id}/edit`)}>
            {t('authorization.review.edit')}
          </Button>
        )}
        {can('submit') && (
          <Button type="primary" loading={action.isPending} onClick={() => run('submit')}>
            {t('authorization.review.submit')}
          </Button>
        )}
        {can('accept') && (
          <Button type="primary" onClick={() => run('accept')}>
            {t('authorization.review.accept')}
          </Button>
        )}
        {can('endorse') && deciding && (
          <Button disabled={undecided.length > 0} onClick={() => setPending('endorse')}>
            {t('authorization.review.endorse')}
          </Button>
        )}
        {can('approve') && deciding && (
          <Button type="primary" disabled={undecided.length > 0} onClick={() => setPending('approve')}>
            {t('authorization.review.approve')}
          </Button>
        )}
        {can('return') && <Button onClick={() => setPending('return')}>{t('authorization.review.return')}</Button>}
        {can('reject') && (
          <Button danger onClick={() => setPending('reject')}>
            {t('authorization.review.reject')}
          </Button>
        )}
        {can('withdraw') && (
          <Popconfirm
            title={t(
              a.state === 'draft' ? 'authorization.review.discardConfirm' : 'authorization.review.withdrawConfirm',
            )}
            okButtonProps={{ danger: true }}
            okText={t('authorization.review.confirm')}
            cancelText={t('authorization.review.cancel')}
            onConfirm={() => run('withdraw')}
          >
            <Button danger>
              {t(a.state === 'draft' ? 'authorization.review.discard' : 'authorization.review.withdraw')}
            </Button>
          </Popconfirm>
        )}
        {deciding && undecided.length > 0 && (
          <Typography.Text type="secondary">
            {t('authorization.review.remaining', { n: undecided.length })}
          </Typography.Text>
        )}
      </Space>
      {a.reviews.length > 0 && (
        <Card size="small" title={t('authorization.review.reviews')}>
          <List
            size="small"
            dataSource={a.reviews}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  {formatDateTime(r.at)}
                  <Tag>{t(`authorization.reviewDecision.${r.decision}`)}</Tag>
                  {r.reason}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <div style={{ marginTop: 16 }}>
        <EvidenceSection objectType="ScenarioApplication" objectId={id} />
      </div>

      <ConfirmDecision
        open={pending === 'approve' || pending === 'endorse'}
        title={t(pending === 'endorse' ? 'authorization.review.endorseConfirm' : 'authorization.review.approveConfirm')}
        summary={
          <>
            {decisionSummary}
            {pending === 'approve' && <PsiSwitches requested={psiRequested} value={psi} onChange={setPsi} />}
          </>
        }
        reasonLabel={t('authorization.review.comment')}
        reasonRequired
        okText={t(pending === 'endorse' ? 'authorization.review.endorse' : 'authorization.review.approve')}
        loading={action.isPending}
        error={action.error}
        onCancel={() => setPending(null)}
        onOk={(comment) =>
          pending === 'endorse'
            ? run('endorse', { itemDecisions, comment })
            : run('approve', { itemDecisions, comment, psi })
        }
      />
      <ConfirmDecision
        open={pending === 'return'}
        title={t('authorization.review.returnConfirm')}
        summary={<Typography.Paragraph>{t('authorization.review.returnHint')}</Typography.Paragraph>}
        reasonLabel={t('authorization.review.returnReason')}
        reasonRequired
        okText={t('authorization.review.return')}
        loading={action.isPending}
        error={action.error}
        onCancel={() => setPending(null)}
        onOk={(reason) => run('return', { reason })}
      />
      <ConfirmDecision
        open={pending === 'reject'}
        title={t('authorization.review.rejectConfirm')}
        summary={<Typography.Paragraph>{t('authorization.review.rejectHint')}</Typography.Paragraph>}
        reasonLabel={t('authorization.review.rejectReason')}
        reasonRequired
        okText={t('authorization.review.reject')}
        danger
        loading={action.isPending}
        error={action.error}
        onCancel={() => setPending(null)}
        onOk={(reason) => run('reject', { reason, itemReasons })}
      />
      <ConfirmDecision
        open={pending === 'consent'}
        title={t('authorization.consent.confirmTitle')}
        summary={consentSummary}
        okText={t('authorization.consent.confirm')}
        loading={consent.isPending}
        error={consent.error}
        onCancel={() => setPending(null)}
        onOk={() =>
          myConsent &&
          consent.mutate(
            {
              id: myConsent.id,
              items: myItems.map((i) => ({
                itemId: i.id,
                decision: consents[i.id]!.decision!,
                conditions: consents[i.id]!.conditions.trim() || undefined,
                reason: consents[i.id]!.reason.trim() || undefined,
              })),
            },
            { onSuccess: () => setPending(null) },
          )
        }
      />
    </Card>
  );
}
