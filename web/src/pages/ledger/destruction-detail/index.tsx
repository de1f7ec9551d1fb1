import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { EvidenceSection } from '../EvidenceSection';
import { useApproveDestruction, useDestruction, useVerifyDestruction, type LedgerDecision } from '../api';
import { DestructionStateTag } from '../labels';
import { formatDateTime } from '../../../utils/datetime';

const when = (v: string | null | undefined) => formatDateTime(v);
/** A recorded decision as its event type and object, e.g. `Grant.revoke · Grant:0190ab12`. */
const decisionText = (d: LedgerDecision) => `${d.eventType} · ${d.objectType}:${d.objectId.slice(0, 8)}`;

/** One DestructionRecord: scope, what was deleted with each SM3, approvals, and the second person's verification. */
export default function DestructionDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { me, facts } = useSession();
  const q = useDestruction(id);
  const verify = useVerifyDestruction(id);
  const approve = useApproveDestruction(id);
  if (q.error) return <QueryError error={q.error} />;
  const r = q.data;
  if (!r) return <Card loading />;
  const officer = facts.actors.some((a) => a === 'authority' || a === 'platform_admin');
  const approveAs = r.state !== 'proposed' ? null : officer ? 'authority' : me.org.id === r.ownerOrgId ? 'owner' : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            {t('ledger.destruction.detailTitle')}
            <DestructionStateTag t={t} state={r.state} />
          </Space>
        }
      >
        <Descriptions
          column={2}
          size="small"
          items={[
            { key: 'desc', label: t('ledger.destruction.description'), children: r.dataDescription, span: 2 },
            {
              key: 'scope',
              label: t('ledger.destruction.scope'),
              children: (
                <Space wrap>
                  {r.scope.objectIds.map((o) => (
                    <Tag key={o}>{`${r.scope.objectType}:${o.slice(0, 8)}`}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'method',
              label: t('ledger.destruction.methodLabel'),
              children: t(`ledger.destruction.method.${r.method}`),
            },
            { key: 'by', label: t('ledger.destruction.executedBy'), children: r.executedBy ?? '-' },
            { key: 'at', label: t('ledger.destruction.executedAt'), children: when(r.executedAt) },
            {
              key: 'keys',
              label: t('ledger.destruction.keys'),
              children: r.destroyedKeyIds.length ? r.destroyedKeyIds.join(', ') : '-',
              span: 2,
            },
          ]}
        />
        {r.mandate && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message={t('ledger.destruction.mandateTitle')}
            description={t('ledger.destruction.mandate', {
              decision: decisionText(r.mandate),
              at: when(r.mandate.at),
              by: r.mandate.actor.userId ?? '-',
            })}
          />
        )}
      </Card>
      <Card title={t('ledger.destruction.deletedTitle', { count: r.deletedObjects.length })}>
        <Table
          rowKey="path"
          size="small"
          dataSource={r.deletedObjects}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('ledger.destruction.path'), dataIndex: 'path' },
            {
              title: 'SM3',
              dataIndex: 'sm3',
              render: (v: string) => (
                <Typography.Text code copyable>
                  {v}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('ledger.destruction.verification')}>
        {r.verification ? (
          <Alert
            type={r.verification.result === 'clean' ? 'success' : 'error'}
            showIcon
            message={t(`ledger.destruction.result.${r.verification.result}`)}
            description={t('ledger.destruction.verifiedBy', {
              checks: r.verification.checks.map((c) => t(`ledger.destruction.check.${c}`)).join(' / '),
              at: when(r.verification.at),
              residue: r.verification.residue ?? 0,
            })}
          />
        ) : r.state === 'executed' ? (
          <Space direction="vertical">
            <Typography.Paragraph type="secondary">{t('ledger.destruction.verifyHint')}</Typography.Paragraph>
            {officer && (
              <Popconfirm title={t('ledger.destruction.verifyConfirm')} onConfirm={() => verify.mutate()}>
                <Button type="primary" loading={verify.isPending}>
                  {t('ledger.destruction.verify')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('ledger.destruction.notExecuted')}</Typography.Text>
        )}
        <ErrorAlert error={verify.error} style={{ marginTop: 12 }} />
      </Card>
      {(r.approvals.length > 0 || approveAs || r.mandate) && (
        <Card title={t('ledger.destruction.approvals')}>
          <Table
            rowKey="role"
            size="small"
            pagination={false}
            dataSource={r.approvals}
            columns={[
              {
                title: t('ledger.destruction.approvalRole'),
                dataIndex: 'role',
                render: (v: string) => t(`ledger.destruction.role.${v}`),
              },
              { title: t('ledger.destruction.approvalAt'), dataIndex: 'at', render: when },
              {
                title: t('ledger.destruction.approvalBasis'),
                dataIndex: 'basis',
                render: (b?: LedgerDecision) => (b ? decisionText(b) : t('ledger.destruction.approvalDirect')),
              },
            ]}
          />
          {approveAs && (
            <Button style={{ marginTop: 12 }} onClick={() => approve.mutate(approveAs)} loading={approve.isPending}>
              {t('ledger.destruction.approveAs', { role: t(`ledger.destruction.role.${approveAs}`) })}
            </Button>
          )}
          <ErrorAlert error={approve.error} style={{ marginTop: 12 }} />
        </Card>
      )}
      <EvidenceSection objectType="DestructionRecord" objectId={r.id} />
    </Space>
  );
}
