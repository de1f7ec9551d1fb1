import { Descriptions, Space, Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../../utils/datetime';
import type { Application } from '../../api';
import { methodLabel, outputLabel, purposeLabel, StateTag } from '../../labels';

/** The whole dossier the applicant entered (002:L177's eight items, AUTH-13), shown before anyone decides. */
export function Dossier({ a }: { a: Application }) {
  const t = useT();
  const list = (xs: string[] | null | undefined) => (xs?.length ? xs.join(t('authorization.common.sep')) : '-');
  const yn = (b: boolean | null | undefined) => t(b ? 'authorization.common.yes' : 'authorization.common.no');
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      style={{ marginBottom: 16 }}
      title={t('authorization.dossier.title')}
      data-testid="application-dossier"
    >
      <Descriptions.Item label={t('authorization.applications.scenario')}>{a.scenario.title}</Descriptions.Item>
      <Descriptions.Item label={t('authorization.common.state')}>
        <StateTag state={a.state} />
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.description')} span={2}>
        {a.scenario.description || '-'}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.applications.applicant')}>{a.applicantName ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.serviceObjects')}>{list(a.serviceObjects)}</Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.regions')}>{list(a.serviceScope?.regions)}</Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.industries')}>
        {list(a.serviceScope?.industries)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.servicePeriod')}>
        {formatDate(a.servicePeriod.from)} ~ {formatDate(a.servicePeriod.to)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.usageTimeLimit')}>
        {formatDate(a.usageTimeLimit)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.methods')}>
        <Space size={4} wrap>
          {a.developmentMethods.map((m) => (
            <Tag key={m}>{methodLabel(t, m)}</Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.purpose')}>
        {purposeLabel(t, a.purposeCategory)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.outcome')}>{a.expectedOutcome.text || '-'}</Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.indicator')}>
        {list(a.expectedOutcome.indicators)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.riskFile')}>
        {a.riskAssessment?.fileId || '-'}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.responsible')}>
        {a.riskAssessment?.responsiblePerson || '-'}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.coversImportant')}>
        {yn(a.riskAssessment?.coversImportantFields)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.wizard.outputs')}>
        <Space size={4} wrap>
          {(a.proposedEgress?.allowedOutputKinds ?? []).map((k) => (
            <Tag key={k}>{outputLabel(t, k)}</Tag>
          ))}
        </Space>
        {a.proposedEgress?.minGroupSize ? ` · ${t('authorization.grants.k')} ${a.proposedEgress.minGroupSize}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.dossier.submittedAt')}>
        {formatDateTime(a.submittedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.applications.reviewDue')}>
        {formatDateTime(a.reviewDueAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('authorization.consent.due')}>{formatDateTime(a.consentDueAt)}</Descriptions.Item>
    </Descriptions>
  );
}
