import { Card, Space } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { EvidenceSection } from '../../ledger/EvidenceSection';
import { ObjectTimeline } from '../../ledger/ObjectTimeline';

/** An object's history in words and its ledger evidence (ledger.md), at the foot of every supervision page. */
export function ObjectDossier({ objectType, objectId }: { objectType: string; objectId: string }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={t('supervision.common.timeline')} size="small">
        <ObjectTimeline objectType={objectType} objectId={objectId} />
      </Card>
      <EvidenceSection objectType={objectType} objectId={objectId} />
    </Space>
  );
}
