import { Button, Space, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { sm3 } from 'sm-crypto-v2';
import { useT } from '../../../i18n/I18nProvider';

/**
 * A document as the labs records carry it: the file's SM3 digest (`sm3:<hex>`), computed in the browser. The bytes
 * stay with the parties (the platform files no document store yet); the digest lets anyone check a copy later.
 */
export async function fileDigest(file: File): Promise<string> {
  return `sm3:${sm3(new Uint8Array(await file.arrayBuffer()))}`;
}

/** Whether a document is on file, in words; never its raw reference. */
export function FileState({ id }: { id: string | null | undefined }) {
  const t = useT();
  if (!id) return <Tag color="red">{t('labs.file.missing')}</Tag>;
  return (
    <Tag color="green">
      {t('labs.file.present')}
      {id.startsWith('sm3:') ? ` · SM3 ${id.slice(4, 12)}…` : ''}
    </Tag>
  );
}

/** Pick a file: its digest becomes the value (a form control: value/onChange). */
export function FilePicker({
  value,
  onChange,
  label,
}: {
  value?: string | null;
  onChange?: (v: string) => void;
  label: string;
}) {
  const t = useT();
  return (
    <Space>
      <Upload
        showUploadList={false}
        beforeUpload={async (f) => {
          onChange?.(await fileDigest(f));
          return false;
        }}
      >
        {/* The accessible name starts with the visible text (axe label-content-name-mismatch), then names the file. */}
        <Button
          icon={<UploadOutlined />}
          aria-label={`${value ? t('labs.file.replace') : t('labs.file.choose')} ${label}`}
        >
          {value ? t('labs.file.replace') : t('labs.file.choose')}
        </Button>
      </Upload>
      <FileState id={value} />
    </Space>
  );
}
