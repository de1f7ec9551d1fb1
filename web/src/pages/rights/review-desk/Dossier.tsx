import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import type { Objection, RegistrationDetail } from '../api';
import { label, labelOr } from '../labels';

type Names = (id: string | null | undefined) => string | undefined;

/** The whole dossier the reviewer decides on: application, object, shares, evidence, clocks, report, objections. */
export function Dossier({ r, objections, org }: { r: RegistrationDetail; objections: Objection[]; org: Names }) {
  const t = useT();
  const name = (id: string | null | undefined, known?: string | null) =>
    id ? (known ?? org(id) ?? t('rights.common.otherOrg')) : '-';
  const o = r.objectInfo;
  const clocks = Object.entries(r.clocks).filter(([, v]) => !!v);
  return (
    <>
      <Descriptions title={t('rights.dossier.application')} column={2} size="small" bordered>
        <Descriptions.Item label={t('rights.desk.registrationNo')}>{r.registrationNo}</Descriptions.Item>
        <Descriptions.Item label={t('rights.desk.state')}>{label(t, 'regState', r.state)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.desk.regType')}>{label(t, 'regType', r.regType)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.desk.rightType')}>{label(t, 'rightType', r.rightType)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.subjectKind')}>
          {label(t, 'subjectKind', r.subjectKind)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.procedure')}>
          {label(t, 'procedure', r.procedure)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.profile')}>{labelOr(t, 'profile', r.profile)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.desk.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.desk.holder')}>{name(r.holderOrgId, r.holderName)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.applicant')}>
          {name(r.applicantOrgId, r.applicantName)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.counterparty')}>{name(r.counterpartyOrgId)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.evaluator')}>{name(r.evaluatorOrgId)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.contractDate')}>{formatDate(r.contractDate)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.filingDue')}>
          {formatDate(r.filingDueAt)} {r.filingOverdue && <Tag color="red">{t('rights.desk.filingOverdue')}</Tag>}
        </Descriptions.Item>
        {r.certificateNo && (
          <Descriptions.Item label={t('rights.dossier.certificate')}>{r.certificateNo}</Descriptions.Item>
        )}
      </Descriptions>
      <Descriptions title={t('rights.dossier.object')} column={2} size="small" bordered style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('rights.dossier.name')}>{o.name}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.version')}>{o.version}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.form')}>{labelOr(t, 'form', o.form)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.source')}>{label(t, 'source', o.source)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.acquisition')}>{o.acquisitionMethod || '-'}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.updateCycle')}>
          {label(t, 'updateCycle', o.updateCycle)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.scale')}>{o.scale ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.industry')}>{o.industry ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.region')}>{o.region ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.timeSpan')}>{o.timeSpan ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.grade')}>{label(t, 'grade', o.grade)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.agreementEnd')}>{formatDate(o.agreementEnd)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.scenarios')} span={2}>
          {o.scenarios.length ? o.scenarios.join('; ') : '-'}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.scope')} span={2}>
          {o.scope || '-'}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.declaredGrounds')} span={2}>
          {o.declaredGrounds.length
            ? o.declaredGrounds.map((g) => (
                <Tag color="red" key={g}>
                  {label(t, 'refusalGround', g)}
                </Tag>
              ))
            : t('rights.common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.dossier.shares')} span={2}>
          {r.equityShares.length
            ? r.equityShares.map((s) => (
                <div key={s.orgId}>
                  {name(s.orgId)} {s.pct}%
                </div>
              ))
            : '-'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rights.dossier.evidence')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(e) => `${e.name}-${e.sm3}`}
        pagination={false}
        dataSource={r.evidence}
        locale={{ emptyText: t('rights.common.none') }}
        columns={[
          { title: t('rights.dossier.evidenceName'), dataIndex: 'name' },
          {
            title: t('rights.dossier.evidenceKind'),
            dataIndex: 'kind',
            render: (k: string) => labelOr(t, 'evidenceKind', k),
          },
          {
            title: t('rights.dossier.evidenceHash'),
            dataIndex: 'sm3',
            render: (h: string) => (
              <Typography.Text copyable={{ text: h }} type="secondary">
                {h.slice(0, 16)}…
              </Typography.Text>
            ),
          },
        ]}
      />
      <Descriptions title={t('rights.dossier.clocks')} column={2} size="small" bordered style={{ marginTop: 16 }}>
        {clocks.length ? (
          clocks.map(([k, v]) => (
            <Descriptions.Item key={k} label={t(`rights.dossier.clock.${k}`)}>
              {formatDateTime(v)}
            </Descriptions.Item>
          ))
        ) : (
          <Descriptions.Item label={t('rights.dossier.clocks')}>-</Descriptions.Item>
        )}
      </Descriptions>
      <Descriptions title={t('rights.dossier.report')} column={1} size="small" bordered style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('rights.dossier.report')}>
          {r.reviewReport ? (
            <>
              <Tag color={r.reviewReport.passed ? 'green' : 'red'}>
                {t(r.reviewReport.passed ? 'rights.dossier.reportPassed' : 'rights.dossier.reportFailed')}
              </Tag>
              {r.reviewReport.summary}
            </>
          ) : (
            t('rights.dossier.noReport')
          )}
        </Descriptions.Item>
        {r.decision && (
          <Descriptions.Item label={t('rights.dossier.decision')}>
            {r.decision.reason ?? ''} {(r.decision.defects ?? []).join('; ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rights.dossier.objections')}
      </Typography.Title>
      {objections.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={objections}
          columns={[
            { title: t('rights.dossier.objector'), dataIndex: 'objectorName' },
            { title: t('rights.dossier.grounds'), dataIndex: 'grounds' },
            {
              title: t('rights.desk.state'),
              dataIndex: 'state',
              render: (s: string) => label(t, 'objectionState', s),
            },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rights.common.none')} />
      )}
    </>
  );
}
