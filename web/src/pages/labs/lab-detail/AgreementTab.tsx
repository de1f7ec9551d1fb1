import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { labsApi, useAgreements, useLabMutation, type Agreement, type Lab, type SignAgreementInput } from '../api';
import { FilePicker } from '../components/FileDigest';
import { StateTag } from '../components/StateTag';
import { SEAL_KINDS, sealKindLabel } from '../labels';
import { AgreementForm } from './AgreementForm';
import { ScopeTable } from './ScopeTable';

const LIVE = ['draft', 'signed', 'filed'];

/**
 * The co-building agreement (共建协议): every version, the current one in full with its data scope and Grants and its
 * supplements; the initiator drafts and signs with both seals, the authority files it (LAB-08, LAB-12, LAB-13).
 */
export function AgreementTab({ lab }: { lab: Lab }) {
  const t = useT();
  const q = useAgreements(lab.id);
  const [drafting, setDrafting] = useState(false);
  const [picked, setPicked] = useState<string>();
  const items = q.data?.items ?? [];
  const current =
    items.find((g) => g.id === picked) ?? items.find((g) => g.id === lab.currentAgreementId) ?? items.at(-1);
  const canDraft = lab.abilities.includes('draft_agreement') && !items.some((g) => LIVE.includes(g.state));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={q.error} />
      {canDraft && !drafting && (
        <Button type="primary" onClick={() => setDrafting(true)}>
          {t('labs.agreement.draft')}
        </Button>
      )}
      {drafting && <AgreementForm lab={lab} onDone={() => setDrafting(false)} />}
      {items.length > 1 && (
        <Select
          aria-label={t('labs.agreement.version')}
          style={{ width: 320 }}
          value={current?.id}
          onChange={setPicked}
          options={items.map((g) => ({ value: g.id, label: `${g.agreementNo} · v${g.agreementVersion}` }))}
        />
      )}
      {current ? (
        <AgreementCard g={current} lab={lab} />
      ) : (
        !drafting && <Empty description={t('labs.agreement.none')} />
      )}
    </Space>
  );
}

function AgreementCard({ g, lab }: { g: Agreement; lab: Lab }) {
  const t = useT();
  const [signing, setSigning] = useState(false);
  const file = useLabMutation(() => labsApi.fileAgreement(g.id));
  const orgName = (id: string) =>
    id === lab.initiatorOrgId ? lab.initiator : id === lab.partnerOrgId ? lab.partner : '-';
  return (
    <Card
      size="small"
      title={
        <Space>
          {g.agreementNo}
          <StateTag of="agreement" state={g.state} />
        </Space>
      }
      extra={
        <Space>
          {g.abilities.includes('sign') && (
            <Button type="primary" onClick={() => setSigning(true)}>
              {t('labs.agreement.sign')}
            </Button>
          )}
          {g.abilities.includes('file') && (
            <Button type="primary" loading={file.isPending} onClick={() => file.mutate(undefined)}>
              {t('labs.agreement.file')}
            </Button>
          )}
        </Space>
      }
    >
      <ErrorAlert error={file.error} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'purpose', label: t('labs.agreement.purpose'), children: t('labs.agreement.purposeFixed') },
          {
            key: 'period',
            label: t('labs.agreement.period'),
            children: `${formatDate(g.usePeriod.from)} ~ ${formatDate(g.usePeriod.to)}`,
          },
          { key: 'v', label: t('labs.agreement.version'), children: `v${g.agreementVersion}` },
          { key: 'signed', label: t('labs.agreement.signedAt'), children: formatDate(g.signedAt) },
          { key: 'filed', label: t('labs.agreement.filedAt'), children: formatDateTime(g.filedAt) },
          { key: 'fno', label: t('labs.agreement.filingNo'), children: g.filingNo ?? '-' },
          { key: 'di', label: t('labs.agreement.dutiesInitiator'), children: g.duties.initiator || '-' },
          { key: 'dp', label: t('labs.agreement.dutiesPartner'), children: g.duties.partner || '-' },
          { key: 'ri', label: t('labs.agreement.rightsInitiator'), children: g.rights.initiator || '-' },
          { key: 'rp', label: t('labs.agreement.rightsPartner'), children: g.rights.partner || '-' },
          { key: 'sec', label: t('labs.agreement.security'), children: g.securityMeasures.text || '-' },
          { key: 'use', label: t('labs.agreement.productUse'), children: g.initiatorProductUse ?? '-' },
          {
            key: 'seals',
            label: t('labs.agreement.seals'),
            span: 3,
            children: g.seals.length
              ? g.seals.map((s) => (
                  <Tag key={s.orgId} color={s.verified ? 'green' : 'orange'}>
                    {orgName(s.orgId)} · {sealKindLabel(t, s.kind)}
                  </Tag>
                ))
              : t('labs.agreement.notSigned'),
          },
        ]}
      />
      <Card type="inner" size="small" title={t('labs.agreement.scope')} style={{ marginTop: 12 }}>
        <ScopeTable lines={g.dataScope} grantIds={g.grantIds} />
      </Card>
      {g.supplements.length > 0 && (
        <Card type="inner" size="small" title={t('labs.agreement.supplements')} style={{ marginTop: 12 }}>
          <Table
            rowKey="no"
            size="small"
            pagination={false}
            dataSource={g.supplements}
            columns={[
              { title: t('labs.agreement.supplementNo'), dataIndex: 'no' },
              { title: t('labs.agreement.supplementSummary'), dataIndex: 'summary' },
              { title: t('labs.agreement.filedAt'), render: (_, s) => formatDateTime(s.filedAt) },
            ]}
          />
        </Card>
      )}
      {signing && <SignDialog g={g} lab={lab} onClose={() => setSigning(false)} />}
    </Card>
  );
}

interface SignValues {
  signedAt: string;
  initiatorKind: 'e_seal' | 'scanned';
  initiatorFile?: string;
  partnerKind: 'e_seal' | 'scanned';
  partnerFile?: string;
}

/** Signing: the date and both parties' seals on the agreement (LAB-08: a missing seal is refused by name). */
function SignDialog({ g, lab, onClose }: { g: Agreement; lab: Lab; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<SignValues>();
  const sign = useLabMutation((b: SignAgreementInput) => labsApi.signAgreement(g.id, b), onClose);
  const onFinish = (v: SignValues) =>
    sign.mutate({
      signedAt: v.signedAt,
      seals: [
        { orgId: lab.initiatorOrgId, kind: v.initiatorKind, verified: !!v.initiatorFile, fileId: v.initiatorFile },
        { orgId: lab.partnerOrgId, kind: v.partnerKind, verified: !!v.partnerFile, fileId: v.partnerFile },
      ].filter((s) => s.fileId),
    });
  const kinds = SEAL_KINDS.map((k) => ({ value: k, label: sealKindLabel(t, k) }));
  return (
    <Modal
      open
      title={t('labs.agreement.sign')}
      okText={t('labs.common.confirm')}
      cancelText={t('labs.common.cancel')}
      confirmLoading={sign.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ErrorAlert error={sign.error} />
      <Form<SignValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ initiatorKind: 'e_seal', partnerKind: 'e_seal' }}
      >
        <Form.Item
          name="signedAt"
          label={t('labs.agreement.signedAt')}
          rules={[{ required: true, message: t('labs.form.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        {(
          [
            ['initiator', lab.initiator],
            ['partner', lab.partner],
          ] as const
        ).map(([who, name]) => (
          <Space key={who} align="baseline" wrap>
            <Form.Item name={`${who}Kind`} label={`${name} · ${t('labs.seal.kind')}`}>
              <Select options={kinds} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={`${who}File`} label={`${name} · ${t('labs.seal.file')}`}>
              <FilePicker label={name} />
            </Form.Item>
          </Space>
        ))}
      </Form>
    </Modal>
  );
}
