import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useFileObjection, usePublicity, type PublicityItem } from '../api';
import { label } from '../labels';

/**
 * The public board (rights-assets.md "Public board"; RA-13): registrations in publicity, each with a real-name
 * objection form. No login to read; objecting asks the visitor to sign in (an objection is made in one's name).
 */
export default function PublicityPage() {
  const t = useT();
  const q = usePublicity();
  const [target, setTarget] = useState<PublicityItem | null>(null);
  const file = useFileObjection();
  const [form] = Form.useForm<{ grounds: string }>();
  const holder = (r: PublicityItem) => r.holder ?? t('rights.publicity.anonymous');
  const columns: ExportColumn<PublicityItem>[] = [
    { header: t('rights.desk.registrationNo'), value: (r) => r.registrationNo },
    { header: t('rights.desk.object'), value: (r) => r.name },
    { header: t('rights.desk.regType'), value: (r) => label(t, 'regType', r.regType) },
    { header: t('rights.desk.rightType'), value: (r) => label(t, 'rightType', r.rightType) },
    { header: t('rights.desk.holder'), value: holder },
    { header: t('rights.public.registry'), value: (r) => r.registry ?? '-' },
    { header: t('rights.publicity.end'), value: (r) => formatDateTime(r.publicityEnd) },
  ];
  const submit = async () => {
    const v = await form.validateFields();
    if (!target) return;
    await file.mutateAsync({ id: target.id, body: { grounds: v.grounds, evidence: [] } });
    setTarget(null);
    form.resetFields();
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3}>{t('rights.publicity.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rights.publicity.intro')}</Typography.Paragraph>
      {file.isSuccess && <Alert type="success" showIcon message={t('rights.publicity.filed')} />}
      <Card
        extra={
          <ExportExcelButton fileName={t('rights.publicity.exportName')} columns={columns} rows={q.data?.items ?? []} />
        }
      >
        <ErrorAlert error={q.error} />
        <Table<PublicityItem>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('rights.publicity.empty') }}
          columns={[
            { title: t('rights.desk.registrationNo'), dataIndex: 'registrationNo' },
            { title: t('rights.desk.object'), dataIndex: 'name' },
            { title: t('rights.desk.rightType'), render: (_, r) => label(t, 'rightType', r.rightType) },
            { title: t('rights.desk.holder'), render: (_, r) => holder(r) },
            { title: t('rights.public.registry'), render: (_, r) => r.registry ?? '-' },
            { title: t('rights.publicity.end'), render: (_, r) => formatDateTime(r.publicityEnd) },
            {
              title: '',
              render: (_, r) => (
                <Button type="link" onClick={() => setTarget(r)}>
                  {t('rights.publicity.object')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!target}
        title={t('rights.publicity.objectTitle', { name: target?.name ?? '' })}
        okText={t('rights.publicity.objectSubmit')}
        onOk={submit}
        confirmLoading={file.isPending}
        onCancel={() => setTarget(null)}
      >
        <Typography.Paragraph type="secondary">{t('rights.publicity.objectHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="grounds"
            label={t('rights.publicity.grounds')}
            rules={[{ required: true, min: 4, message: t('rights.publicity.groundsRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
        {file.error && <ErrorAlert error={file.error} />}
      </Modal>
    </Space>
  );
}
