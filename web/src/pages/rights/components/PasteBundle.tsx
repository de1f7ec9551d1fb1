import { useState } from 'react';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useVerifyPasted } from '../api';
import { VerifyResultCard } from './VerifyResultCard';

/** "Paste a bundle" (rights-assets.md "What users see"): the server verifies whatever JSON is pasted. */
export function PasteBundle() {
  const t = useT();
  const [text, setText] = useState('');
  const [notJson, setNotJson] = useState(false);
  const verify = useVerifyPasted();
  const run = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A JSON SyntaxError means nothing to a reader: say what to paste instead.
      setNotJson(true);
      verify.reset();
      return;
    }
    setNotJson(false);
    verify.mutate(parsed);
  };
  return (
    <Card title={t('rights.paste.title')}>
      <Typography.Paragraph type="secondary">{t('rights.paste.hint')}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('rights.paste.input')}
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        type="primary"
        style={{ margin: '12px 0' }}
        onClick={run}
        disabled={!text.trim()}
        loading={verify.isPending}
      >
        {t('rights.paste.verify')}
      </Button>
      {notJson && <Alert type="warning" showIcon message={t('rights.paste.notJson')} />}
      <ErrorAlert error={verify.error} />
      {verify.data && <VerifyResultCard result={verify.data} />}
    </Card>
  );
}
