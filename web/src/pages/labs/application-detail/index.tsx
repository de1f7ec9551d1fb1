import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Row, Space } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useSession } from '../../../layouts/session';
import { ObjectDossier } from '../../supervision/components/ObjectDossier';
import { labsApi, useApplication, useGuides, useLabMutation, type Seal } from '../api';
import { SealGrid } from '../components/SealGrid';
import { StateTag } from '../components/StateTag';
import { ReviewActions } from './ReviewActions';
import {
  CreditSection,
  DocumentsSection,
  DuplicateSection,
  FormSection,
  PlanSection,
  ReviewsSection,
} from './Sections';

/**
 * One lab application, the whole dossier (labs.md "What users see"): the three documents, the six seals with the
 * missing ones named, the director and attestation, the duplicate check, the parties' credit warnings and the review
 * decisions. The applicants edit seals and submit; the authority accepts, returns, does not select or shortlists.
 */
export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useApplication(id);
  const guides = useGuides();
  const { facts } = useSession();
  // The duplicate check and credit warnings are the authority's (hidden from the applicants by the server).
  const reviewer = facts.actors.includes('authority');
  const [seals, setSeals] = useState<Seal[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setSeals(null), [q.data?.version]);
  const saveSeals = useLabMutation(
    (s: Seal[]) => labsApi.updateApplication(id, { seals: s }),
    () => setError(null),
  );
  const submit = useLabMutation(
    () => labsApi.submitApplication(id),
    () => setError(null),
  );
  const withdraw = useLabMutation(
    () => labsApi.withdrawApplication(id),
    () => setError(null),
  );
  if (q.error) return <QueryError error={q.error} />;
  const a = q.data;
  if (!a) return <Card loading />;
  const can = (x: string) => a.abilities.includes(x);
  const guide = guides.data?.items.find((g) => g.id === a.guideId);
  const editing = seals !== null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {a.name}
            <StateTag of="application" state={a.state} />
          </Space>
        }
        extra={
          <Space wrap>
            {can('submit') && (
              <Button
                type="primary"
                loading={submit.isPending}
                onClick={() => submit.mutate(undefined, { onError: setError })}
              >
                {t('labs.apply.submit')}
              </Button>
            )}
            {can('withdraw') && (
              <Button loading={withdraw.isPending} onClick={() => withdraw.mutate(undefined, { onError: setError })}>
                {t('labs.apply.withdraw')}
              </Button>
            )}
            <ReviewActions a={a} onError={setError} />
          </Space>
        }
      >
        <ErrorAlert error={error} />
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'no', label: t('labs.col.applicationNo'), children: a.applicationNo },
            { key: 'guide', label: t('labs.apply.guide'), children: guide ? `${guide.guideNo} ${guide.title}` : '-' },
            { key: 'domain', label: t('labs.apply.domain'), children: a.domain || '-' },
            { key: 'ini', label: t('labs.col.initiator'), children: a.initiator },
            { key: 'par', label: t('labs.col.partner'), children: a.partner },
            { key: 'code', label: t('labs.apply.scenarioCode'), children: a.scenarioCode },
            { key: 'sum', label: t('labs.apply.scenarioSummary'), children: a.scenarioSummary, span: 2 },
            { key: 'dir', label: t('labs.apply.researchDirection'), children: a.researchDirection },
            { key: 'sub', label: t('labs.col.submittedAt'), children: formatDateTime(a.submittedAt) },
            { key: 'dec', label: t('labs.dossier.decidedAt'), children: formatDateTime(a.decidedAt) },
            {
              key: 'lab',
              label: t('labs.dossier.lab'),
              children: a.labId ? <Link to={`/labs/${a.labId}`}>{t('labs.dossier.openLab')}</Link> : '-',
            },
          ]}
        />
      </Card>
      <Card
        title={t('labs.apply.seals')}
        size="small"
        extra={
          can('edit') &&
          (editing ? (
            <Space>
              <Button
                type="primary"
                loading={saveSeals.isPending}
                onClick={() => saveSeals.mutate(seals, { onError: setError })}
              >
                {t('labs.seal.save')}
              </Button>
              <Button onClick={() => setSeals(null)}>{t('labs.common.cancel')}</Button>
            </Space>
          ) : (
            <Button onClick={() => setSeals(a.seals)}>{t('labs.seal.edit')}</Button>
          ))
        }
      >
        <SealGrid
          seals={seals ?? a.seals}
          initiator={{ id: a.initiatorOrgId, name: a.initiator }}
          partner={{ id: a.partnerOrgId, name: a.partner }}
          onChange={editing ? setSeals : undefined}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <FormSection a={a} />
        </Col>
        <Col xs={24} xl={12}>
          <DocumentsSection a={a} />
        </Col>
      </Row>
      <PlanSection a={a} />
      {reviewer && <DuplicateSection a={a} />}
      {reviewer && <CreditSection a={a} />}
      <ReviewsSection a={a} />
      <ObjectDossier objectType="LabApplication" objectId={a.id} />
    </Space>
  );
}
