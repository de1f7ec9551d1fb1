import { App, Button, Tag, Tooltip } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import { downloadInclusionProof, useCheckpoint } from '../../../ledger/api';

/**
 * A call's place in the audit log: its sequence number and, once a signed checkpoint covers
 * it, the inclusion proof with that checkpoint as a file that `npm run verify` (or the
 * public ledger page) checks offline, so a buyer can check a bill against the ledger.
 */
export function CallProof({ seq }: { seq: number | null }) {
  const t = useT();
  const { message } = App.useApp();
  const checkpoint = useCheckpoint('audit');
  if (seq === null) return <Tag>{t('ledger.evidence.pending')}</Tag>;
  const prove = async () => {
    if (!(await downloadInclusionProof(seq, checkpoint.data, 'audit', `call-inclusion-${seq}.json`)))
      void message.info(t('ledger.evidence.notYetCheckpointed')); // a toast: nothing waits for it to close
  };
  return (
    <Tooltip title={t('services.usage.proofHint')}>
      <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => void prove()}>
        {seq}
      </Button>
    </Tooltip>
  );
}
