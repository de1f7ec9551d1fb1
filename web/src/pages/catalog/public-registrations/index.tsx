import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { catalogApi, usePublicRegistrations, type ObjectionInput, type PublicRegistration } from '../api';
import { frequencyLabel, regStateLabel } from '../labels';

const REQUESTED = ['correct', 'supplement', 'withdraw', 'suspend'] as const;

/** Anyone may object to a registration in publicity (REG-05; catalog.md Objection, kind registration_publicity). */
function ObjectionModal({ g, onClose }: { g: PublicRegistration | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<ObjectionInput, 'kind'>>();
  const file = useMutation({
    mutationFn: (v: Omit<ObjectionInput, 'kind'>) =>
      catalogApi.fileObjection(g!.id, { ...v, kind: 'registration_publicity' }),
    onSuccess: () => {
      void message.success(t('catalog.public.objectionFiled')); // a toast: nothing waits for it to close
      form.resetFields();
      onClose();
    },
  });
  const submit = async () => file.mutate(await form.validateFields());
  return (
    <Modal
      open={!!g}
      title={t('catalog.public.objectionTitle', { name: g?.summary.name ?? '' })}
      onCancel={onClose}
      onOk={submit}
      okText={t('catalog.public.objectionSubmit')}
      cancelText={t('app.common.cancel')}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('catalog.public.objectionHelp')}</Typography.Paragraph>
      <ErrorAlert error={file.error} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="filerName"
          label={t('catalog.public.filerName')}
          rules={[{ required: true, whitespace: true, message: t('catalog.public.filerNameRequired') }, { max: 100 }]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="filerMobile"
          label={t('catalog.public.filerMobile')}
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('catalog.public.mobileInvalid') }]}
        >
          <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item name="requestedAction" label={t('catalog.public.requestedAction')}>
          <Select
            allowClear
            options={REQUESTED.map((v) => ({ value: v, label: t(`catalog.public.requested.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('catalog.public.description')}
          rules={[
            { required: true, whitespace: true, message: t('catalog.public.descriptionRequired') },
            { max: 2000, message: t('catalog.decision.tooLong', { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Public publicity notices (no login): only the public summary, never samples (REG-05); each in publicity takes objections. */
export default function PublicRegistrationsPage() {
  const t = useT();
  const list = usePublicRegistrations();
  const [objecting, setObjecting] = useState<PublicRegistration | null>(null);
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('catalog.public.title')}</Typography.Title>
      {list.data && !list.data.items.length && <Empty description={t('catalog.public.empty')} />}
      {list.data?.items.map((g) => (
        <Card
          key={g.id}
          title={g.summary.name}
          extra={
            <Space>
              <Tag color="gold">{regStateLabel(t, g.state)}</Tag>
              {g.state === 'publicity' && (
                <Button
                  size="small"
                  aria-label={`${t('catalog.public.object')} ${g.summary.name}`}
                  onClick={() => setObjecting(g)}
                >
                  {t('catalog.public.object')}
                </Button>
              )}
            </Space>
          }
        >
          <Typography.Paragraph>{g.summary.summary}</Typography.Paragraph>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('catalog.public.sourceUnit')}>{g.summary.sourceUnit}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.public.fields')}>{g.summary.fieldNames.join(' / ')}</Descriptions.Item>
            {g.summary.updateFrequency && (
              <Descriptions.Item label={t('catalog.dossier.frequency')}>
                {frequencyLabel(t, g.summary.updateFrequency)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('catalog.public.period')}>
              {g.publicityEnd
                ? t('catalog.public.from', {
                    from: formatDateTime(g.publicityStart),
                    to: formatDateTime(g.publicityEnd),
                  })
                : '-'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ))}
      <ObjectionModal g={objecting} onClose={() => setObjecting(null)} />
    </Space>
  );
}
