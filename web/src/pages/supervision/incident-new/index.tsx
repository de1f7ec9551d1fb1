import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { selectRequired } from '../../../utils/formRules';
import { supervisionApi, useMyGrants, useSupervisionMutation, type OpenIncidentInput } from '../api';
import { INCIDENT_TYPES, optionsOf, SEVERITIES } from '../labels';

interface Values {
  type: OpenIncidentInput['type'];
  severity: OpenIncidentInput['severity'];
  cii: boolean;
  discoveredAt: Dayjs;
  grantIds: string[];
  personalData: boolean;
  description: string;
}

/** INC-01: report an incident at once. The Grants named stop processing in the same transaction (INC-02). */
export default function IncidentNewPage() {
  const t = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const grants = useMyGrants();
  const open = useSupervisionMutation(supervisionApi.openIncident);
  const required = [{ required: true, message: t('supervision.incident.required') }];
  const onFinish = (v: Values) =>
    open.mutate(
      {
        type: v.type,
        severity: v.severity,
        cii: v.cii,
        discoveredAt: v.discoveredAt.toISOString(),
        description: v.description,
        affected: { grantIds: v.grantIds ?? [], personalData: v.personalData },
      } as OpenIncidentInput,
      {
        onSuccess: (inc) => {
          void message.success(
            t('supervision.incident.submitted', { no: inc.incidentNo, n: inc.suspendedGrantIds.length }),
          );
          nav(`/supervision/incidents/${inc.id}`);
        },
      },
    );
  const grantOptions = (grants.data?.items ?? [])
    .filter((g) => g.state === 'active')
    .map((g) => ({ value: g.id, label: `${g.grantNo} ${g.purpose.scenario?.title ?? ''}` }));
  return (
    <Card title={t('supervision.incident.report')} style={{ maxWidth: 860 }}>
      <ErrorAlert error={open.error} style={{ marginBottom: 16 }} />
      <Form<Values>
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ cii: false, personalData: false, discoveredAt: dayjs(), grantIds: [] }}
      >
        <Form.Item
          name="type"
          label={t('supervision.incident.type')}
          rules={[selectRequired(t('supervision.incident.required'))]}
        >
          <Select options={optionsOf(t, 'incidentType', INCIDENT_TYPES)} />
        </Form.Item>
        <Form.Item
          name="severity"
          label={t('supervision.incident.severity')}
          rules={[selectRequired(t('supervision.incident.required'))]}
        >
          <Select options={optionsOf(t, 'severity', SEVERITIES)} />
        </Form.Item>
        <Form.Item name="discoveredAt" label={t('supervision.incident.discoveredAt')} rules={required}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="grantIds"
          label={t('supervision.incident.grants')}
          extra={t('supervision.incident.grantsHint')}
        >
          <Checkbox.Group options={grantOptions} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
        </Form.Item>
        <Form.Item name="cii" label={t('supervision.incident.cii')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="personalData" label={t('supervision.incident.personalData')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={t('supervision.incident.description')} rules={required}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={open.isPending}>
          {t('supervision.incident.report')}
        </Button>
      </Form>
    </Card>
  );
}
