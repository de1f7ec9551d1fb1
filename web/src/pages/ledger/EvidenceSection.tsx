import { Collapse } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/I18nProvider';
import { EvidenceTab } from './EvidenceTab';

/**
 * The evidence tab as a folded section at the foot of an object's page: nothing is fetched
 * until it is opened (antd renders a panel's content on first open), so a dossier page costs
 * no ledger queries for readers who never look.
 */
export function EvidenceSection({ objectType, objectId }: { objectType: string; objectId: string }) {
  const t = useT();
  return (
    <Collapse
      data-testid="evidence-section"
      items={[
        {
          key: 'evidence',
          label: (
            <span>
              <SafetyCertificateOutlined /> {t('ledger.evidence.section')}
            </span>
          ),
          children: <EvidenceTab objectType={objectType} objectId={objectId} />,
        },
      ]}
    />
  );
}
