import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { allOf } from '../../../../i18n/labelled';
import {
  catalogApi,
  catalogKeys,
  type DataType,
  type OpenMode,
  type ResourceCreate,
  type ResourceFormat,
  type UpdateFrequency,
  type ValueType,
} from '../../api';
import {
  dataTypeLabel,
  formatLabel,
  frequencyLabel,
  OPEN_CLASSES,
  openLabel,
  openModeLabel,
  SHARE_CLASSES,
  shareLabel,
  valueTypeLabel,
} from '../../labels';

// The choices are the server's enums (POST /resources); one it adds fails to compile here until it is offered.
const DATA_TYPES = allOf<DataType>()('structured', 'semi_structured', 'unstructured', 'spatial', 'service');
const OPEN_MODES = allOf<OpenMode>()('api', 'file', 'db_table', 'sandbox', 'model_or_verification');
const FORMATS = allOf<ResourceFormat>()('csv', 'xlsx', 'json', 'xml', 'shp', 'pdf', 'parquet', 'other');
const FREQS = allOf<UpdateFrequency>()(
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
  'static',
);
const VALUE_TYPES = allOf<ValueType>()(
  'string',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'geometry',
  'binary',
  'code',
);

type Values = Omit<ResourceCreate, 'keywords'> & { keywords?: string };

/** A source unit's catalog_manager creates a draft resource with its fields (catalog.md DataResource; SHR-01 basis when not unconditional). */
export function CreateResource() {
  const t = useT();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const share = Form.useWatch('shareClass', form);
  const openClass = Form.useWatch('openClass', form);
  const create = useMutation({
    mutationFn: (v: ResourceCreate) => catalogApi.create(v),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: catalogKeys.resources() });
      setOpen(false);
      nav(`/catalog/resources/${r.id}`);
    },
  });
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({
      ...v,
      keywords: (v.keywords ?? '')
        .split(/[,\uFF0C\u3001\s]+/)
        .map((x) => x.trim())
        .filter(Boolean),
      fields: v.fields ?? [],
    });
  };
  const opts = (vals: readonly string[], label: (x: string) => string) =>
    vals.map((x) => ({ value: x, label: label(x) }));
  const req = (key: string) => [
    { required: true, whitespace: true, message: t('catalog.create.required', { field: t(key) }) },
  ];
  const labels: Record<string, string> = {
    nameZh: t('catalog.list.colName'),
    summary: t('catalog.dossier.summary'),
    domain: t('catalog.dossier.domain'),
    shareBasis: t('catalog.create.shareBasis'),
    openBasis: t('catalog.create.openBasis'),
    code: t('catalog.create.fieldCode'),
    fields: t('catalog.detail.fields'),
  };
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => {
          create.reset();
          setOpen(true);
        }}
      >
        {t('catalog.create.button')}
      </Button>
      <Modal
        open={open}
        width={860}
        title={t('catalog.create.title')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('catalog.create.submit')}
        cancelText={t('app.common.cancel')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} fieldLabels={labels} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            dataType: 'structured',
            format: 'csv',
            updateFrequency: 'monthly',
            shareClass: 'unconditional',
            openClass: 'not_open',
            fields: [{ valueType: 'string' }],
          }}
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="nameZh"
                label={t('catalog.list.colName')}
                rules={[
                  ...req('catalog.list.colName'),
                  { max: 100, message: t('catalog.decision.tooLong', { max: 100 }) },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="domain"
                label={t('catalog.dossier.domain')}
                rules={[
                  ...req('catalog.dossier.domain'),
                  { max: 100, message: t('catalog.decision.tooLong', { max: 100 }) },
                ]}
              >
                <Input placeholder={t('catalog.create.domainHint')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="summary"
            label={t('catalog.dossier.summary')}
            rules={[
              ...req('catalog.dossier.summary'),
              { max: 1000, message: t('catalog.decision.tooLong', { max: 1000 }) },
            ]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="keywords" label={t('catalog.create.keywords')}>
            <Input placeholder={t('catalog.create.keywordsHint')} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="dataType" label={t('catalog.dossier.dataType')}>
                <Select options={opts(DATA_TYPES, (x) => dataTypeLabel(t, x))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="openMode" label={t('catalog.dossier.openMode')} rules={req('catalog.dossier.openMode')}>
                <Select options={opts(OPEN_MODES, (x) => openModeLabel(t, x))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="format" label={t('catalog.create.format')}>
                <Select options={opts(FORMATS, (x) => formatLabel(t, x))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="updateFrequency" label={t('catalog.dossier.frequency')}>
                <Select options={opts(FREQS, (x) => frequencyLabel(t, x))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="shareClass" label={t('catalog.dossier.shareClass')}>
                <Select options={opts(SHARE_CLASSES, (x) => shareLabel(t, x))} />
              </Form.Item>
            </Col>
            {share && share !== 'unconditional' && (
              <Col span={16}>
                <Form.Item
                  name="shareBasis"
                  label={t('catalog.create.shareBasis')}
                  rules={req('catalog.create.shareBasis')}
                  extra={t('catalog.create.basisHelp')}
                >
                  <Input />
                </Form.Item>
              </Col>
            )}
          </Row>
          {share === 'conditional' && (
            <Form.Item
              name="shareConditions"
              label={t('catalog.create.shareConditions')}
              rules={req('catalog.create.shareConditions')}
            >
              <Input />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="openClass" label={t('catalog.list.colOpen')}>
                <Select options={opts(OPEN_CLASSES, (x) => openLabel(t, x))} />
              </Form.Item>
            </Col>
            {openClass && openClass !== 'unconditional' && (
              <Col span={16}>
                <Form.Item
                  name="openBasis"
                  label={t('catalog.create.openBasis')}
                  rules={req('catalog.create.openBasis')}
                >
                  <Input />
                </Form.Item>
              </Col>
            )}
          </Row>
          {openClass === 'conditional' && (
            <Form.Item
              name="openConditions"
              label={t('catalog.create.openConditions')}
              rules={req('catalog.create.openConditions')}
            >
              <Input />
            </Form.Item>
          )}
          <Typography.Text strong>{t('catalog.detail.fields')}</Typography.Text>
          <Form.List name="fields">
            {(items, { add, remove }) => (
              <>
                {items.map(({ key, name }) => (
                  <Space key={key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[name, 'nameZh']} rules={req('catalog.detail.colName')}>
                      <Input placeholder={t('catalog.detail.colName')} aria-label={t('catalog.detail.colName')} />
                    </Form.Item>
                    <Form.Item
                      name={[name, 'code']}
                      rules={[
                        { required: true, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, message: t('catalog.create.codeRule') },
                      ]}
                    >
                      <Input placeholder={t('catalog.create.fieldCode')} aria-label={t('catalog.create.fieldCode')} />
                    </Form.Item>
                    <Form.Item name={[name, 'valueType']}>
                      <Select
                        style={{ width: 140 }}
                        aria-label={t('catalog.detail.colType')}
                        options={opts(VALUE_TYPES, (x) => valueTypeLabel(t, x))}
                      />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('catalog.create.removeField')} onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ valueType: 'string' })} icon={<PlusOutlined />}>
                  {t('catalog.create.addField')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
