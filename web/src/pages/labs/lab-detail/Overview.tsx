import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { daysUntil, formatDate } from '../../../utils/datetime';
import { label as rightsLabel } from '../../rights/labels';
import { labsApi, useLabMutation, type Attestation, type Lab } from '../api';
import { COMPONENTS, componentLabel, qualificationLabel, supplyModeLabel } from '../labels';

/** The lab's facts: parties, scenario, director, supply mode and the clocks that run on it. */
export function LabFacts({ lab }: { lab: Lab }) {
  const t = useT();
  const due = lab.state === 'shortlisted' ? daysUntil(lab.agreementDueOn) : null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'no', label: t('labs.col.labNo'), children: lab.labNo },
        { key: 'ini', label: t('labs.col.initiator'), children: lab.initiator },
        { key: 'par', label: t('labs.col.partner'), children: lab.partner },
        { key: 'domain', label: t('labs.apply.domain'), children: lab.domain || '-' },
        { key: 'code', label: t('labs.apply.scenarioCode'), children: lab.scenarioCode },
        { key: 'mode', label: t('labs.lab.supplyMode'), children: supplyModeLabel(t, lab.supplyMode) },
        { key: 'sum', label: t('labs.apply.scenarioSummary'), children: lab.scenarioSummary, span: 2 },
        { key: 'dir', label: t('labs.apply.researchDirection'), children: lab.researchDirection },
        {
          key: 'director',
          label: t('labs.lab.director'),
          children: `${lab.director.name} · ${lab.director.title || '-'} · ${qualificationLabel(t, lab.director.qualification)}`,
        },
        { key: 'sl', label: t('labs.lab.shortlistedOn'), children: formatDate(lab.shortlistedOn) },
        {
          key: 'due',
          label: t('labs.lab.agreementDueOn'),
          children:
            lab.state === 'shortlisted' ? (
              <Space>
                {formatDate(lab.agreementDueOn)}
                {due !== null && (
                  <Tag color={due < 0 ? 'red' : due <= 7 ? 'orange' : 'blue'}>
                    {due < 0 ? t('labs.clock.overdue', { days: -due }) : t('labs.clock.left', { days: due })}
                  </Tag>
                )}
              </Space>
            ) : (
              '-'
            ),
        },
        { key: 'cert', label: t('labs.col.certifiedAt'), children: formatDate(lab.certifiedAt) },
        { key: 'valid', label: t('labs.col.validTo'), children: formatDate(lab.validTo) },
      ]}
    />
  );
}

/** The plaque (LAB-11): its number, status, PDF and the public verification page its QR code opens. */
export function PlaqueCard({ lab }: { lab: Lab }) {
  const t = useT();
  const p = lab.plaque;
  return (
    <Card title={t('labs.plaque.title')} size="small">
      {!p ? (
        <Tag>{t('labs.plaque.none')}</Tag>
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'no', label: t('labs.plaque.no'), children: p.certNo },
            { key: 'st', label: t('labs.plaque.status'), children: rightsLabel(t, 'certStatus', p.status) },
            {
              key: 'go',
              label: t('labs.plaque.verify'),
              children: (
                <Space wrap>
                  <Link to={`/verify/certificates/${encodeURIComponent(p.certNo)}`}>
                    <SafetyCertificateOutlined /> {t('labs.plaque.verifyLink')}
                  </Link>
                  <a
                    href={`/api/v1/public/certificates/${encodeURIComponent(p.certNo)}/certificate.pdf`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('labs.plaque.pdf')}
                  </a>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

type AttestationValues = { inGovExtranet: boolean } & Record<string, string>;

/** LAB-10: the platform attestation (government extranet; evaluated CPU, OS and database), recorded by a party. */
export function AttestationCard({ lab }: { lab: Lab }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const save = useLabMutation(
    (a: Attestation) => labsApi.attest(lab.id, a),
    () => setEditing(false),
  );
  const a = lab.platformAttestation;
  const onFinish = (v: AttestationValues) =>
    save.mutate({
      inGovExtranet: v.inGovExtranet,
      components: COMPONENTS.filter((k) => v[`${k}Product`]).map((kind) => ({
        kind,
        product: v[`${kind}Product`]!,
        evaluationRef: v[`${kind}Ref`] ?? '',
      })),
    });
  const initial = Object.fromEntries([
    ['inGovExtranet', a?.inGovExtranet ?? true],
    ...(a?.components ?? []).flatMap((c) => [
      [`${c.kind}Product`, c.product],
      [`${c.kind}Ref`, c.evaluationRef],
    ]),
  ]);
  return (
    <Card
      title={t('labs.attest.title')}
      size="small"
      extra={
        lab.abilities.includes('attest') &&
        !editing && <Button onClick={() => setEditing(true)}>{t('labs.attest.record')}</Button>
      }
    >
      <ErrorAlert error={save.error} />
      {editing ? (
        <Form<AttestationValues> layout="vertical" onFinish={onFinish} initialValues={initial}>
          <Form.Item name="inGovExtranet" label={t('labs.attest.extranet')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {COMPONENTS.map((k) => (
            <Space key={k} wrap align="baseline">
              <Form.Item name={`${k}Product`} label={`${componentLabel(t, k)} · ${t('labs.attest.product')}`}>
                <Input maxLength={200} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name={`${k}Ref`} label={`${componentLabel(t, k)} · ${t('labs.attest.evaluationRef')}`}>
                <Input maxLength={200} style={{ width: 280 }} />
              </Form.Item>
            </Space>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('labs.common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('labs.common.cancel')}</Button>
          </Space>
        </Form>
      ) : !a ? (
        <Tag color="orange">{t('labs.attest.none')}</Tag>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Tag color={a.inGovExtranet ? 'green' : 'red'}>
            {t(a.inGovExtranet ? 'labs.attest.inExtranet' : 'labs.attest.notInExtranet')}
          </Tag>
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={a.components}
            columns={[
              { title: t('labs.attest.component'), render: (_, c) => componentLabel(t, c.kind) },
              { title: t('labs.attest.product'), dataIndex: 'product' },
              { title: t('labs.attest.evaluationRef'), render: (_, c) => c.evaluationRef || '-' },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
