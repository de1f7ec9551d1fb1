import { App, Button, Tag, Tooltip } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import { downloadBlob } from '../../../../utils/download';
import { fetchInclusion, useCheckpoint } from '../../../ledger/api';
import { parseCheckpoint } from '../../../ledger/merkle';

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
    const cp = checkpoint.data ? safeParse(checkpoint.data) : null;
    if (!cp || seq >= cp.treeSize) { message.info(t('ledger.evidence.notYetCheckpointed')); return; }
    const p = await fetchInclusion(seq, cp.treeSize, 'audit');
    downloadBlob(new Blob([JSON.stringify({ ...p, checkpoint: checkpoint.data }, null, 1)], { type: 'application/json' }), `call-inclusion-${seq}.json`);
  };
  return (
    <Tooltip title={t('services.usage.proofHint')}>
      <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => void prove()}>{seq}</Button>
    </Tooltip>
  );
}

function safeParse(text: string) {
  try { return parseCheckpoint(text); } catch { return null; }
}
