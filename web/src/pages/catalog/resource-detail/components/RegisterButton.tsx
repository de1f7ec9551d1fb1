import { useState } from 'react';
import { Button, Checkbox, Form, Modal, Progress, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { catalogApi, uploadMaterial, useResourceMutation, type Material, type UploadedMaterial } from '../../api';
import { materialLabel } from '../../labels';

// The materials a first registration asks for: a subset of the server's material kinds (POST /registrations).
const KINDS = ['application', 'resource_info', 'compliance_statement'] as const satisfies readonly Material['kind'][];

/** One material: an uploaded file, stored with its SM3 (issue 14 "Registration materials are typed document numbers"). */
function MaterialUpload({
  kind,
  value,
  onChange,
}: {
  kind: string;
  value?: UploadedMaterial;
  onChange?: (v: UploadedMaterial | undefined) => void;
}) {
  const t = useT();
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const start = async (file: File) => {
    setError(null);
    setPct(0);
    try {
      onChange?.(await uploadMaterial(file, setPct));
    } catch (e) {
      setError(e);
      onChange?.(undefined);
    } finally {
      setPct(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      <Upload
        accept=".pdf,.ofd,.doc,.docx,.jpg,.jpeg,.png"
        showUploadList={false}
        beforeUpload={(f) => {
          void start(f);
          return false;
        }}
      >
        <Button
          icon={<UploadOutlined />}
          disabled={pct !== null}
          aria-label={t('catalog.detail.uploadMaterial', { kind: materialLabel(t, kind) })}
        >
          {value ? t('catalog.detail.replaceMaterial') : t('catalog.detail.chooseMaterial')}
        </Button>
      </Upload>
      {pct !== null && <Progress percent={pct} size="small" />}
      {value && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {value.name} · {t('catalog.detail.kb', { n: Math.max(1, Math.round(value.bytes / 1024)) })} · SM3{' '}
          {value.sm3Hash}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Files a first registration with its uploaded materials (REG-06) and the REG-07 declarations. */
export function RegisterButton({ resourceId }: { resourceId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Record<string, UploadedMaterial | boolean | undefined>>();
  const mut = useResourceMutation(resourceId, (m: Material[]) => catalogApi.register(resourceId, m));
  const submit = async () => {
    const v = await form.validateFields();
    const materials = KINDS.map((kind) => {
      const f = v[kind] as UploadedMaterial;
      return { kind, fileRef: f.fileRef, sm3Hash: f.sm3Hash };
    });
    mut.mutate(materials, { onSuccess: () => setOpen(false) });
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('catalog.detail.register')}
      </Button>
      <Modal
        open={open}
        title={t('catalog.detail.registerTitle')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('catalog.detail.submit')}
        cancelText={t('app.common.cancel')}
        confirmLoading={mut.isPending}
        width={640}
      >
        <ErrorAlert error={mut.error} />
        <Typography.Paragraph type="secondary">{t('catalog.detail.materialsHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          {KINDS.map((kind) => (
            <Form.Item
              key={kind}
              name={kind}
              label={materialLabel(t, kind)}
              rules={[
                { required: true, message: t('catalog.detail.materialRequired', { kind: materialLabel(t, kind) }) },
              ]}
            >
              <MaterialUpload kind={kind} />
            </Form.Item>
          ))}
          <Form.Item
            name="declare"
            valuePropName="checked"
            rules={[
              { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('catalog.detail.declare')))) },
            ]}
          >
            <Checkbox>{t('catalog.detail.declare')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
