import { Alert, Table, Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { ArtifactFinding } from '../api-egress';

/** EGR-08: what the identifier scan found in a model or document — where and how many, never the values. */
export function ArtifactFindings({ findings }: { findings: ArtifactFinding[] }) {
  const t = useT();
  if (!findings.length)
    return <Alert type="success" showIcon message={t('sandboxEgress.findings.none')} style={{ marginBottom: 12 }} />;
  return (
    <>
      <Alert type="warning" showIcon message={t('sandboxEgress.findings.flagged', { n: findings.length })} />
      <Table<ArtifactFinding>
        size="small"
        style={{ marginTop: 12 }}
        rowKey={(f) => `${f.where}:${f.kind}`}
        pagination={false}
        dataSource={findings}
        columns={[
          { title: t('sandboxEgress.findings.where'), dataIndex: 'where' },
          {
            title: t('sandboxEgress.findings.kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag color="red">{t(`sandboxEgress.identifier.${k}`)}</Tag>,
          },
          { title: t('sandboxEgress.findings.count'), dataIndex: 'count', width: 100 },
        ]}
      />
    </>
  );
}
