import { Alert, Button, Select, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/I18nProvider';
import type { Seal, SealDocument } from '../api';
import { SEAL_DOCUMENTS, SEAL_KINDS, sealDocumentLabel, sealKindLabel } from '../labels';
import { fileDigest } from './FileDigest';

interface Party {
  id: string;
  name: string;
}

/** LAB-02: the seals still missing, as `<org>/<document>` (the dossier names them as the refusal would). */
export function missingSeals(seals: Seal[], parties: Party[]): { org: Party; document: SealDocument }[] {
  return SEAL_DOCUMENTS.flatMap((document) =>
    parties
      .filter((org) => !seals.some((s) => s.orgId === org.id && s.document === document && s.verified))
      .map((org) => ({ org, document })),
  );
}

/**
 * The six seals (LAB-02): each of the three documents sealed by both parties. Read-only it shows each seal's kind
 * and names the missing ones; editable, each cell takes a sealed file (its SM3 digest is recorded) and its kind.
 */
export function SealGrid(p: { seals: Seal[]; initiator: Party; partner: Party; onChange?: (seals: Seal[]) => void }) {
  const t = useT();
  const parties = [p.initiator, p.partner];
  const find = (orgId: string, document: SealDocument) =>
    p.seals.find((s) => s.orgId === orgId && s.document === document);
  const put = (orgId: string, document: SealDocument, patch: Partial<Seal>) => {
    const old = find(orgId, document);
    const next: Seal = { orgId, document, kind: 'e_seal', verified: false, ...old, ...patch };
    p.onChange?.([...p.seals.filter((s) => s !== old), next]);
  };
  const cell = (org: Party, document: SealDocument) => {
    const s = find(org.id, document);
    const name = `${org.name} ${sealDocumentLabel(t, document)}`;
    const tag = s?.verified ? (
      <Tag color="green">
        {sealKindLabel(t, s.kind)} · {t('labs.seal.verified')}
      </Tag>
    ) : (
      <Tag color="red">{t('labs.seal.missing')}</Tag>
    );
    if (!p.onChange) return tag;
    return (
      <Space wrap>
        <Select
          size="small"
          style={{ width: 110 }}
          aria-label={`${name} ${t('labs.seal.kind')}`}
          value={s?.kind ?? 'e_seal'}
          options={SEAL_KINDS.map((k) => ({ value: k, label: sealKindLabel(t, k) }))}
          onChange={(kind) => put(org.id, document, { kind })}
        />
        <Upload
          showUploadList={false}
          beforeUpload={async (f) => {
            put(org.id, document, { fileId: await fileDigest(f), verified: true });
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} aria-label={`${t('labs.seal.upload')} ${name}`}>
            {t('labs.seal.upload')}
          </Button>
        </Upload>
        {tag}
      </Space>
    );
  };
  const missing = missingSeals(p.seals, parties);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<{ document: SealDocument }>
        rowKey="document"
        size="small"
        pagination={false}
        dataSource={SEAL_DOCUMENTS.map((document) => ({ document }))}
        columns={[
          { title: t('labs.seal.document'), render: (_, r) => sealDocumentLabel(t, r.document) },
          ...parties.map((org) => ({
            key: org.id,
            title: org.name,
            render: (_: unknown, r: { document: SealDocument }) => cell(org, r.document),
          })),
        ]}
      />
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('labs.seal.missingList', {
            list: missing.map((m) => `${m.org.name}/${sealDocumentLabel(t, m.document)}`).join(t('labs.common.sep')),
          })}
        />
      ) : (
        <Alert type="success" showIcon message={t('labs.seal.complete')} />
      )}
    </Space>
  );
}
