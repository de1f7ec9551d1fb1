import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSession } from '../../../layouts/session';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useGrant, useGrantActions, type GrantCollaboration, type GrantField } from '../api';
import { GradeTag, GrantStateTag, outputLabel, StateTag } from '../labels';
import { formatDate } from '../../../utils/datetime';
import { PlanFormButton } from './PlanForm';
import { EvidenceSection } from '../../ledger/EvidenceSection';
import { GrantWorkspaces } from '../../sandbox/components/OpenWorkspace';

/** Grant page: granted fields with masking and visibility, the egress policy the sandbox enforces, plan and collaborators. */
export default function GrantDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useGrant(id);
  const act = useGrantActions(id);
  const { facts } = useSession();
  const [revokeReason, setRevokeReason] = useState('');
  if (q.error) return <QueryError error={q.error} />;
  const g = q.data;
  if (!g) return <Card loading />;
  const p = g.egressPolicy;
  const canSuspend = g.abilities?.includes('suspend');
  const canResume = g.abilities?.includes('resume');
  const canRevoke = g.abilities?.includes('revoke');
  const yn = (b: boolean) => t(b ? 'authorization.common.yes' : 'authorization.common.no');
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {g.grantNo} · {g.purpose.scenario?.title}
        </Typography.Title>
      }
      extra={
        <Space>
          <GrantStateTag state={g.state} validFrom={g.validFrom} />
          {canSuspend && (
            <Button
              danger
              size="small"
              onClick={() =>
                act.grant.mutate({ action: 'suspend', body: { reason: t('authorization.grants.suspendReason') } })
              }
            >
              {t('authorization.grants.suspend')}
            </Button>
          )}
          {canResume && (
            <Button
              size="small"
              onClick={() =>
                act.grant.mutate({ action: 'resume', body: { reason: t('authorization.grants.resumeReason') } })
              }
            >
              {t('authorization.grants.resume')}
            </Button>
          )}
          {/* Revoking ends the Grant: its Workspaces close and their temporary data is purged (SBX-14). */}
          {canRevoke && (
            <Popconfirm
              title={t('authorization.grants.revokeConfirm')}
              okButtonProps={{ danger: true, disabled: !revokeReason.trim() }}
              description={
                <Input.TextArea
                  aria-label={t('authorization.grants.revokeReason')}
                  placeholder={t('authorization.grants.revokeReason')}
                  rows={2}
                  value={revokeReason}
                  onChange={(e) => setRevokeReason(e.target.value)}
                />
              }
              onConfirm={() => act.grant.mutate({ action: 'revoke', body: { reason: revokeReason.trim() } })}
            >
              <Button danger size="small">
                {t('authorization.grants.revoke')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <ErrorAlert error={act.grant.error ?? act.submitPlan.error ?? act.plan.error} style={{ marginBottom: 0 }} />
        {!g.emergencyPlan && (
          <Alert
            type="warning"
            showIcon
            message={t('authorization.grants.noPlan')}
            action={
              <Space>
                {facts.actors.includes('operator') && (
                  <PlanFormButton
                    grantId={id}
                    loading={act.submitPlan.isPending}
                    error={act.submitPlan.error}
                    onSubmit={(input, done) => act.submitPlan.mutate(input, { onSuccess: done })}
                  />
                )}
                {g.abilities?.includes('activate') && (
                  <Button size="small" onClick={() => act.grant.mutate({ action: 'activate' })}>
                    {t('authorization.grants.activate')}
                  </Button>
                )}
              </Space>
            }
          />
        )}
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('authorization.grants.holder')}>{g.holderName}</Descriptions.Item>
          <Descriptions.Item label={t('authorization.common.validity')}>
            {formatDate(g.validFrom)} ~ {formatDate(g.validTo)}
          </Descriptions.Item>
        </Descriptions>
        <Card size="small" title={t('authorization.grants.fields')}>
          <Table<GrantField>
            rowKey={(f) => `${f.resourceId}:${f.code}`}
            size="small"
            pagination={false}
            dataSource={g.fields}
            columns={[
              { title: t('authorization.common.resource'), dataIndex: 'resourceNameZh' },
              { title: t('authorization.common.field'), dataIndex: 'nameZh' },
              {
                title: t('authorization.common.grade'),
                render: (_: unknown, f) => (
                  <Space size={4}>
                    <GradeTag grade={f.grade} />
                    {f.personalInfo && <Tag color="purple">{t('authorization.common.personal')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('authorization.wizard.masking'),
                render: (_: unknown, f) => (f.masking ? t(`authorization.masking.${f.masking.method}`) : '-'),
              },
              {
                title: t('authorization.grants.visibility'),
                render: (_: unknown, f) => t(`authorization.visibility.${f.visibility}`),
              },
              { title: t('authorization.grants.egressAllowed'), render: (_: unknown, f) => yn(!!f.egressAllowed) },
            ]}
          />
        </Card>
        <Card size="small" title={t('authorization.grants.egress')}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('authorization.grants.outputs')}>
              {p.allowedOutputKinds.map((k) => (
                <Tag key={k}>{outputLabel(t, k)}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.grants.k')}>{p.minGroupSize}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.grants.smallCell')}>
              {yn(p.smallCellSuppression)}
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.grants.dp')}>
              {p.dp ? `${t(`authorization.dp.${p.dp.mechanism}`)} ε=${p.dp.epsilonBudget}` : '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.grants.reviewers')}>{g.reviewersRequired}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.psi.allowed')}>{yn(g.psiAllowed)}</Descriptions.Item>
            <Descriptions.Item label={t('authorization.psi.mode')}>
              {g.psiAllowed
                ? t(g.psiMembership ? 'authorization.psi.membershipMode' : 'authorization.psi.cardinality')
                : '-'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {g.emergencyPlan && (
          <Card size="small" title={t('authorization.grants.plan')}>
            <Space>
              <StateTag state={g.emergencyPlan.state} />
              {t('authorization.grants.nextDrill')}: {formatDate(g.emergencyPlan.nextDrillDue)}
              {g.emergencyPlan.drillOverdue && <Tag color="red">{t('authorization.filings.overdue')}</Tag>}
              {g.emergencyPlan.abilities?.includes('file') && (
                <Button
                  type="primary"
                  size="small"
                  onClick={() => act.plan.mutate({ id: g.emergencyPlan!.id, action: 'file' })}
                >
                  {t('authorization.grants.filePlan')}
                </Button>
              )}
            </Space>
          </Card>
        )}
        {/* sandbox.md SBX-01/SBX-02: the Workspace on this Grant, opened or seated from here (issue 14). */}
        <GrantWorkspaces grantId={g.id} grantState={g.state} />
        <Card size="small" title={t('authorization.grants.collaborations')}>
          <Table<GrantCollaboration>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={g.collaborations ?? []}
            columns={[
              { title: t('authorization.filings.collaborator'), dataIndex: 'collaboratorName' },
              {
                title: t('authorization.filings.scope'),
                dataIndex: 'dataScope',
                render: (v: string[]) =>
                  v.map((c) => g.fields.find((f) => f.code === c)?.nameZh ?? c).join(t('authorization.common.sep')),
              },
              {
                title: t('authorization.common.validity'),
                render: (_: unknown, c) => `${formatDate(c.validFrom)} ~ ${formatDate(c.validTo)}`,
              },
              {
                title: t('authorization.common.state'),
                dataIndex: 'state',
                render: (s: string) => <StateTag state={s} />,
              },
            ]}
          />
        </Card>
        <EvidenceSection objectType="Grant" objectId={g.id} />
      </Space>
    </Card>
  );
}
