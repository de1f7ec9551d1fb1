import { Link } from 'react-router-dom';
import { Alert, Card, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { GrantWorkspaces } from '../../sandbox/components/OpenWorkspace';
import { useAgreements, useGrants, useResource, type Lab, type ScopeLine } from '../api';

/** A scope line's resource by name (the Grant's heading). */
function ResourceName({ line }: { line?: ScopeLine }) {
  const r = useResource(line?.dataResourceId);
  return <>{r.data?.nameZh ?? '-'}</>;
}

/**
 * The lab's workspaces (LAB-13, LAB-33): lab data is used only in sandbox Workspaces on the Grants (basis
 * `lab_agreement`) that filing the agreement opened, one per scope line. Per Grant the Workspaces on it and the
 * sandbox's own "open a workspace / add seats" action (the server decides who may; the partner holds the Grants).
 */
export function WorkspacesTab({ lab }: { lab: Lab }) {
  const t = useT();
  const q = useAgreements(lab.id);
  const agreement = (q.data?.items ?? []).find((a) => a.id === lab.currentAgreementId);
  const ids = agreement?.grantIds ?? [];
  const grants = useGrants(ids);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('labs.workspaces.intro')} />
      {!ids.length && <Card size="small">{t('labs.workspaces.none')}</Card>}
      {grants.map(({ id, grant }, n) => (
        <Space key={id} direction="vertical" style={{ width: '100%' }} size={4}>
          <Typography.Text strong>
            {t('labs.workspaces.line', { n: n + 1 })} · <ResourceName line={agreement?.dataScope[n]} /> ·{' '}
            <Link to={`/authorization/grants/${id}`}>{grant?.grantNo ?? t('labs.scope.openGrant')}</Link>
          </Typography.Text>
          {grant && <GrantWorkspaces grantId={id} grantState={grant.state} />}
        </Space>
      ))}
    </Space>
  );
}
