import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { ApiError } from '../../../api/request';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { useCreateOrg, useJurisdictions, type CreateOrgInput, type EntityKind } from '../api';
import { orgKindLabel } from '../labels';
import { usccStatus } from '../uscc';

// A natural person is not registered from this form (no USCC); every other kind the server declares is.
const KINDS = [
  'gov_organ',
  'public_institution',
  'enterprise',
  'social_org',
  'university',
] as const satisfies readonly EntityKind[];

interface Values {
  entityKind: (typeof KINDS)[number];
  nameZh: string;
  shortName?: string;
  uscc: string;
  registeredAddress: string;
  homeJurisdictionId: string;
  contactName?: string;
  contactMobile?: string;
  contactEmail?: string;
  usccKindAcknowledged?: boolean;
}

/** Registers an organization (pending verification). The USCC is checked as it is typed; the server decides (IAM-01..03). */
export default function OrgCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const uscc = Form.useWatch('uscc', form);
  const jurisdictions = useJurisdictions();
  const create = useCreateOrg();
  const mismatch = create.error instanceof ApiError && create.error.code === 'USCC_KIND_MISMATCH';

  const onFinish = (v: Values) => {
    const contacts: CreateOrgInput['contacts'] = v.contactName
      ? [
          {
            kind: 'business',
            name: v.contactName,
            mobile: v.contactMobile || undefined,
            email: v.contactEmail || undefined,
          },
        ]
      : [];
    create.mutate(
      {
        entityKind: v.entityKind,
        nameZh: v.nameZh.trim(),
        shortName: v.shortName?.trim() || undefined,
        uscc: v.uscc.trim().toUpperCase(),
        registeredAddress: v.registeredAddress.trim(),
        homeJurisdictionId: v.homeJurisdictionId,
        contacts,
        usccKindAcknowledged: v.usccKindAcknowledged || undefined,
      },
      {
        onSuccess: (r) => {
          void message.success(t('identity.orgCreate.created')); // a toast: nothing waits for it to close
          navigate(`/orgs/${r.id}`);
        },
      },
    );
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('identity.orgCreate.title')}
        </Typography.Title>
      }
      style={{ maxWidth: 880 }}
    >
      <ErrorAlert error={create.error} />
      <Form
        form={form}
        layout="vertical"
        name="orgCreate"
        onFinish={onFinish}
        initialValues={{ entityKind: 'enterprise' }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="entityKind" label={t('identity.orgDetail.kind')} rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: orgKindLabel(t, k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="homeJurisdictionId"
              label={t('identity.orgDetail.jurisdiction')}
              rules={[{ required: true, message: t('identity.orgCreate.required') }]}
            >
              <Select
                loading={jurisdictions.isPending}
                showSearch
                optionFilterProp="label"
                options={(jurisdictions.data?.items ?? []).map((j) => ({
                  value: j.id,
                  label: `${j.nameZh} (${j.divisionCode})`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('identity.orgDetail.name')}
              rules={[{ required: true, min: 2, max: 120, message: t('identity.orgCreate.required') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="shortName" label={t('identity.orgDetail.shortName')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={t('identity.orgDetail.uscc')}
              rules={[{ required: true, message: t('identity.orgCreate.required') }]}
              extra={<UsccHint t={t} value={uscc} />}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="registeredAddress"
              label={t('identity.orgDetail.address')}
              rules={[{ required: true, min: 2, max: 200, message: t('identity.orgCreate.required') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('identity.orgCreate.contactName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactMobile"
              label={t('identity.orgCreate.contactMobile')}
              rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('identity.orgCreate.mobileInvalid') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactEmail" label={t('identity.orgCreate.contactEmail')} rules={[{ type: 'email' }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {mismatch && (
          <Form.Item name="usccKindAcknowledged" valuePropName="checked">
            <Checkbox>{t('identity.orgCreate.acknowledgeKind')}</Checkbox>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('identity.orgCreate.submit')}
          </Button>
          <Button onClick={() => navigate('/orgs')}>{t('app.common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function UsccHint({ t, value }: { t: TFunction; value?: string }) {
  const s = usccStatus(value);
  switch (s.kind) {
    case 'empty':
      return <span>{t('identity.orgCreate.usccHelp')}</span>;
    case 'incomplete':
      return <span>{t('identity.orgCreate.usccIncomplete', { length: s.length })}</span>;
    case 'badChar':
      return (
        <span role="status">
          <CloseCircleTwoTone twoToneColor="#cf1322" /> {t('identity.orgCreate.usccBadChar')}
        </span>
      );
    case 'badCheck':
      return (
        <span role="status">
          <CloseCircleTwoTone twoToneColor="#cf1322" /> {t('identity.orgCreate.usccBadCheck', { expected: s.expected })}
        </span>
      );
    default:
      return (
        <span role="status">
          <CheckCircleTwoTone twoToneColor="#389e0d" /> {t('identity.orgCreate.usccOk')}
        </span>
      );
  }
}
