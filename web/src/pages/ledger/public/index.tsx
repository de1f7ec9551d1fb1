import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { safeParseCheckpoint, useCheckpoint, usePublicKey } from '../api';
import { hex, parseCheckpoint, verifyCheckpointSignature, verifyPastedProof, type ProofCheck } from '../merkle';
import { formatDateTime } from '../../../utils/datetime';

/** Public checkpoint page (ledger.md "What users see"): latest signed checkpoint, public key, a browser-side proof verifier. */
export default function PublicLedgerPage() {
  const t = useT();
  const [log, setLog] = useState<'main' | 'audit'>('main');
  const checkpoint = useCheckpoint(log);
  const key = usePublicKey(log);
  const cp = checkpoint.data ? safeParseCheckpoint(checkpoint.data) : null;
  const sigOk = cp && key.data ? verifyCheckpointSignature(cp, key.data.keyName, key.data.publicKeyPem) : null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 960, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3}>{t('ledger.public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ledger.public.intro')}</Typography.Paragraph>
      <Space>
        {(['main', 'audit'] as const).map((l) => (
          <Button key={l} type={l === log ? 'primary' : 'default'} onClick={() => setLog(l)}>
            {t(`ledger.public.log.${l}`)}
          </Button>
        ))}
      </Space>
      <Card title={t('ledger.public.checkpoint')}>
        <ErrorAlert error={checkpoint.error ?? key.error} />
        {cp && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('ledger.public.origin')}>{cp.origin}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.public.treeSize')}>{cp.treeSize}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.public.root')}>
              <Typography.Text code copyable>
                {hex(cp.root)}
              </Typography.Text>
            </Descriptions.Item>
            {cp.timeMs !== undefined && (
              <Descriptions.Item label={t('ledger.public.time')}>{formatDateTime(cp.timeMs)}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('ledger.public.signature')}>
              <Tag color={sigOk ? 'green' : 'red'}>
                {t(sigOk ? 'ledger.public.sigValid' : 'ledger.public.sigInvalid')}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
        )}
        {checkpoint.data && <pre style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{checkpoint.data}</pre>}
      </Card>
      {key.data && (
        <Card title={t('ledger.public.publicKey')}>
          <Typography.Paragraph>
            {key.data.keyName} · {key.data.algorithm}
          </Typography.Paragraph>
          <Typography.Paragraph copyable>
            <pre style={{ margin: 0 }}>{key.data.publicKeyPem}</pre>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('ledger.public.opensslHint')}</Typography.Paragraph>
        </Card>
      )}
      <ProofForm checkpointText={checkpoint.data} />
    </Space>
  );
}

function ProofForm({ checkpointText }: { checkpointText?: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ProofCheck | { error: string } | null>(null);
  const verify = () => {
    try {
      const cp = checkpointText ? parseCheckpoint(checkpointText) : null;
      setResult(verifyPastedProof(text, cp));
    } catch {
      // The parser's own words ("not hex", a JSON SyntaxError) mean nothing to a reader: say what to paste.
      setResult({ error: t('ledger.public.malformedHint') });
    }
  };
  return (
    <Card title={t('ledger.public.verifyTitle')}>
      <Typography.Paragraph type="secondary">{t('ledger.public.verifyHint')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('ledger.public.proofInput')}
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder='{"seq":0,"treeSize":8,"leafHash":"…","hashes":["…"]}'
      />
      <Button type="primary" style={{ marginTop: 12 }} onClick={verify} disabled={!text.trim()}>
        {t('ledger.public.verify')}
      </Button>
      {result &&
        ('error' in result ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message={t('ledger.public.malformed')}
            description={result.error}
          />
        ) : (
          <Alert
            style={{ marginTop: 12 }}
            type={result.ok ? 'success' : 'error'}
            showIcon
            message={t(result.ok ? 'ledger.public.proofValid' : 'ledger.public.proofInvalid', {
              kind: t(`ledger.public.kind.${result.kind}`),
              detail: result.detail,
            })}
          />
        ))}
    </Card>
  );
}
