import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { docxUrl, useApplication, useApplicationAction, useDecideConsent, type DemandItem, type ItemDecision } from '../api';
import { GradeTag, StateTag } from '../labels';
import { EvidenceSection } from '../../ledger/EvidenceSection';

type Decision = { decision: ItemDecision['decision']; reason: string };

/** The review page: requested fields vs grades vs justifications side by side; consent for source units. */
export default function ApplicationDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useApplication(id);
  const action = useApplicationAction(id);
  const consent = useDecideConsent();
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [consents, setConsents] = useState<Record<string, { decision: 'consent' | 'refuse'; reason: string }>>({});
  const [rejectReason, setRejectReason] = useState('');
  const a = q.data;
  useEffect(() => {
    if (!a?.items) return;
    setDecisions(Object.fromEntries(a.items.map((i) => [i.id, { decision: i.consent === 'refuse' ? 'rejected' : 'accepted', reason: i.consent === 'refuse' ? (i.consentReason ?? '') : t('authorization.review.defaultReason') }])));
  }, [a?.id, a?.items?.map((i) => i.consent).join()]);
  if (q.error) return <QueryError error={q.error} />;
  if (!a) return <Card loading />;
  const can = (x: string) => a.abilities?.includes(x);
  const myConsent = a.consents?.find((c) => c.abilities?.includes('decide'));
  const myItems = (a.items ?? []).filter((i) => myConsent && i.sourceUnitOrgId === myConsent.sourceUnitOrgId);
  const itemDecisions = Object.entries(decisions).map(([itemId, d]) => ({ itemId, ...d }));
  const run = (name: string, body?: unknown) => action.mutate({ action: name, body });

  const columns = [
    { title: t('authorization.common.resource'), dataIndex: 'resourceNameZh' },
    { title: t('authorization.review.requested'), dataIndex: 'fieldNameZh' },
    { title: t('authorization.common.grade'), render: (_: unknown, i: DemandItem) => <Space size={4}><GradeTag grade={i.grade} />{i.personal && <Tag color="purple">{t('authorization.common.personal')}</Tag>}</Space> },
    { title: t('authorization.wizard.justification'), dataIndex: 'justification' },
    { title: t('authorization.wizard.masking'), render: (_: unknown, i: DemandItem) => t(`authorization.masking.${i.requestedMasking?.method ?? 'none'}`) },
    { title: t('authorization.review.consent'), render: (_: unknown, i: DemandItem) => <Space direction="vertical" size={0}><StateTag state={i.consent} />{i.consentReason && <Typography.Text type="secondary">{i.consentReason}</Typography.Text>}</Space> },
    { title: t('authorization.review.decision'), render: (_: unknown, i: DemandItem) => (can('approve') || can('endorse')) && a.state === 'under_review' ? (
      <Space direction="vertical" size={4}>
        <Radio.Group aria-label={`${t('authorization.review.decision')} ${i.fieldNameZh}`} value={decisions[i.id]?.decision} disabled={i.consent === 'refuse'}
          onChange={(e) => setDecisions((d) => ({ ...d, [i.id]: { ...d[i.id]!, decision: e.target.value } }))}
          options={[{ value: 'accepted', label: t('authorization.review.accepted') }, { value: 'rejected', label: t('authorization.review.rejected') }]} />
        <Input size="small" aria-label={`${t('authorization.review.reason')} ${i.fieldNameZh}`} value={decisions[i.id]?.reason}
          onChange={(e) => setDecisions((d) => ({ ...d, [i.id]: { ...d[i.id]!, reason: e.target.value } }))} />
      </Space>
    ) : i.decision ? <Space direction="vertical" size={0}><StateTag state={i.decision === 'rejected' ? 'rejected' : 'approved'} /><Typography.Text type="secondary">{i.decisionReason}</Typography.Text></Space> : '-' },
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('authorization.review.title')} · {a.applicationNo}</Typography.Title>}
      extra={a.state === 'approved' && <Button icon={<FileWordOutlined />} href={docxUrl.application(id)}>{t('authorization.common.exportWord')}</Button>}>
      <ErrorAlert error={action.error ?? consent.error} />
      {a.grantId && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('authorization.review.grantIssued')}
        action={<Link to={`/authorization/grants/${a.grantId}`}>{t('authorization.review.viewGrant')}</Link>} />}
      {a.firstApproval && a.state === 'under_review' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('authorization.review.firstApproved')} />}
      {(a.overlaps ?? []).map((o) => <Alert key={o.grantNo} type="warning" showIcon style={{ marginBottom: 8 }} message={t('authorization.review.overlap', { grantNo: o.grantNo, fields: o.fields.join(', ') })} />)}
      {(a.earlierRejections ?? []).map((r, n) => <Alert key={n} type="warning" showIcon style={{ marginBottom: 8 }} message={t('authorization.review.earlierRejection', r)} />)}
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('authorization.applications.scenario')}>{a.scenario.title}</Descriptions.Item>
        <Descriptions.Item label={t('authorization.common.state')}><StateTag state={a.state} /></Descriptions.Item>
        <Descriptions.Item label={t('authorization.applications.applicant')}>{a.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('authorization.wizard.usageTimeLimit')}>{a.usageTimeLimit}</Descriptions.Item>
        <Descriptions.Item label={t('authorization.wizard.outcome')}>{a.expectedOutcome.text}</Descriptions.Item>
        <Descriptions.Item label={t('authorization.applications.reviewDue')}>{a.reviewDueAt ? dayjs(a.reviewDueAt).format('YYYY-MM-DD') : '-'}</Descriptions.Item>
      </Descriptions>
      <Table<DemandItem> rowKey="id" size="small" pagination={false} dataSource={a.items ?? []} columns={columns} style={{ marginBottom: 16 }} />
      {myConsent && (
        <Card size="small" title={t('authorization.consent.title')} style={{ marginBottom: 16 }}>
          <List dataSource={myItems} renderItem={(i) => (
            <List.Item>
              <Space wrap>
                <Typography.Text strong>{i.fieldNameZh}</Typography.Text>
                <Radio.Group aria-label={`${t('authorization.consent.title')} ${i.fieldNameZh}`} value={consents[i.id]?.decision ?? 'consent'}
                  onChange={(e) => setConsents((c) => ({ ...c, [i.id]: { ...{ reason: '' }, ...c[i.id], decision: e.target.value } }))}
                  options={[{ value: 'consent', label: t('authorization.consent.agree') }, { value: 'refuse', label: t('authorization.consent.refuse') }]} />
                {consents[i.id]?.decision === 'refuse' && <Input aria-label={`${t('authorization.consent.refuseReason')} ${i.fieldNameZh}`} placeholder={t('authorization.consent.refuseReason')}
                  value={consents[i.id]?.reason} onChange={(e) => setConsents((c) => ({ ...c, [i.id]: { ...c[i.id]!, reason: e.target.value } }))} />}
              </Space>
            </List.Item>
          )} />
          <Button type="primary" loading={consent.isPending} onClick={() => consent.mutate({ id: myConsent.id, items: myItems.map((i) => ({ itemId: i.id, decision: consents[i.id]?.decision ?? 'consent', reason: consents[i.id]?.reason })) })}>
            {t('authorization.consent.confirm')}
          </Button>
        </Card>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {can('submit') && <Button type="primary" onClick={() => run('submit')}>{t('authorization.review.submit')}</Button>}
        {can('accept') && <Button type="primary" onClick={() => run('accept')}>{t('authorization.review.accept')}</Button>}
        {can('endorse') && <Button onClick={() => run('endorse', { itemDecisions })}>{t('authorization.review.endorse')}</Button>}
        {can('approve') && <Button type="primary" loading={action.isPending} onClick={() => run('approve', { itemDecisions })}>{t('authorization.review.approve')}</Button>}
        {can('return') && <Button onClick={() => run('return', { reason: rejectReason || t('authorization.review.return') })}>{t('authorization.review.return')}</Button>}
        {can('reject') && <>
          <Input aria-label={t('authorization.review.rejectReason')} placeholder={t('authorization.review.rejectReason')} value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} style={{ width: 240 }} />
          <Button danger disabled={rejectReason.trim().length < 2} onClick={() => run('reject', { reason: rejectReason })}>{t('authorization.review.reject')}</Button>
        </>}
        {can('withdraw') && <Button onClick={() => run('withdraw')}>{t('authorization.review.withdraw')}</Button>}
      </Space>
      {a.reviews.length > 0 && <Card size="small" title={t('authorization.review.reviews')}>
        <List size="small" dataSource={a.reviews} renderItem={(r) => <List.Item>{r.at ? dayjs(r.at).format('YYYY-MM-DD HH:mm') : ''} · {r.decision} · {r.reason}</List.Item>} />
      </Card>}
      <div style={{ marginTop: 16 }}><EvidenceSection objectType="ScenarioApplication" objectId={id} /></div>
    </Card>
  );
}
