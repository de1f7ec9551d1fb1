import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Space, Tabs } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { ObjectDossier } from '../../supervision/components/ObjectDossier';
import { labsApi, useLab, useLabMutation } from '../api';
import { StateTag } from '../components/StateTag';
import { AgreementTab } from './AgreementTab';
import { ChangesTab } from './ChangesTab';
import { DutiesTab } from './DutiesTab';
import { EndingsTab } from './EndingsTab';
import { WorkspacesTab } from './WorkspacesTab';
import { AttestationCard, LabFacts, PlaqueCard } from './Overview';

/** States in which a lab has run (its duties are scheduled from certification). */
const RUNNING = ['active', 'rectifying', 'partner_change_pending', 'revoked', 'delisted', 'merged', 'expired'];

/**
 * One lab (labs.md "What users see"): its state and clocks, the platform attestation, the plaque, the agreement
 * with its data scope and Grants, and its change requests. The authority certifies (LAB-09, LAB-10, LAB-11).
 */
export default function LabDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useLab(id);
  const [tab, setTab] = useState('overview');
  const certify = useLabMutation(() => labsApi.certify(id));
  if (q.error) return <QueryError error={q.error} />;
  const lab = q.data;
  if (!lab) return <Card loading />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {lab.name}
            <StateTag of="lab" state={lab.state} />
          </Space>
        }
        extra={
          <Space>
            <Link to={`/labs/applications/${lab.applicationId}`}>{t('labs.lab.application')}</Link>
            {lab.abilities.includes('certify') && (
              <Button type="primary" loading={certify.isPending} onClick={() => certify.mutate(undefined)}>
                {t('labs.lab.certify')}
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={certify.error} />
        <LabFacts lab={lab} />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'overview',
            label: t('labs.tab.overview'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <PlaqueCard lab={lab} />
                <AttestationCard lab={lab} />
              </Space>
            ),
          },
          { key: 'agreement', label: t('labs.tab.agreement'), children: <AgreementTab lab={lab} /> },
          ...(RUNNING.includes(lab.state)
            ? [
                { key: 'workspaces', label: t('labs.tab.workspaces'), children: <WorkspacesTab lab={lab} /> },
                { key: 'duties', label: t('labs.tab.duties'), children: <DutiesTab lab={lab} /> },
              ]
            : []),
          { key: 'changes', label: t('labs.tab.changes'), children: <ChangesTab lab={lab} /> },
          ...(lab.certifiedAt
            ? [{ key: 'endings', label: t('labs.tab.endings'), children: <EndingsTab lab={lab} /> }]
            : []),
          {
            key: 'history',
            label: t('labs.tab.history'),
            children: <ObjectDossier objectType="Lab" objectId={lab.id} />,
          },
        ]}
      />
    </Space>
  );
}
