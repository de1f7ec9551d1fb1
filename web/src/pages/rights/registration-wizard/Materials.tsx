import { Button, Select, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { sm3 } from 'sm-crypto-v2';
import { useT } from '../../../i18n/I18nProvider';
import { label } from '../labels';

/** A material as the registration records it: name, kind, SM3 of the bytes (rights-assets.md evidence "with its SM3 hash"). */
export interface Material {
  name: string;
  kind: string;
  sm3: string;
}
const KINDS = ['report', 'authorization', 'agreement', 'identity', 'license', 'other'] as const;

/**
 * The materials step: each chosen file is hashed in the browser (SM3) and only name, kind and digest are filed;
 * the registry checks the digest against the file it receives, so the bytes need not pass through here.
 */
export function Materials({ value, onChange }: { value: Material[]; onChange: (m: Material[]) => void }) {
  const t = useT();
  const add = async (file: File) => {
    const digest = sm3(new Uint8Array(await file.arrayBuffer()));
    onChange([...value, { name: file.name, kind: 'report', sm3: digest }]);
    return false; // never uploaded as such: the digest is what the application carries
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('rights.wizard.materialsHint')}</Typography.Paragraph>
      <Upload beforeUpload={add} showUploadList={false} multiple>
        <Button icon={<UploadOutlined />}>{t('rights.wizard.addMaterial')}</Button>
      </Upload>
      <Table<Material>
        style={{ marginTop: 12 }}
        size="small"
        rowKey={(m) => `${m.name}:${m.sm3}`}
        pagination={false}
        dataSource={value}
        columns={[
          { title: t('rights.dossier.evidenceName'), dataIndex: 'name' },
          {
            title: t('rights.dossier.evidenceKind'),
            render: (_, m, i) => (
              <Select
                style={{ width: 140 }}
                value={m.kind}
                options={KINDS.map((k) => ({ value: k, label: label(t, 'evidenceKind', k) }))}
                onChange={(kind) => onChange(value.map((x, j) => (j === i ? { ...x, kind } : x)))}
              />
            ),
          },
          {
            title: t('rights.dossier.evidenceHash'),
            render: (_, m) => <Typography.Text code>{`${m.sm3.slice(0, 16)}…`}</Typography.Text>,
          },
          {
            title: '',
            render: (_, _m, i) => (
              <Button type="link" danger onClick={() => onChange(value.filter((_x, j) => j !== i))}>
                {t('rights.wizard.removeMaterial')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
