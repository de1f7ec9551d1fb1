import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { labsApi, useGuides, useLabMutation, type Guide, type Indicator, type PublishGuideInput } from '../api';
import { StateTag } from '../components/StateTag';

/**
 * 申报指南: the calls the authority publishes, each with its window, domains and evaluation indicator set (the
 * annual evaluation scores against it). The authority publishes and closes; everyone reads.
 */
export default function GuidesPage() {
  const t = useT();
  const { facts } = useSession();
  const q = useGuides();
  const [publishing, setPublishing] = useState(false);
  const authority = facts.actors.includes('authority');
  const close = useLabMutation(labsApi.closeGuide);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('labs.guides.title')}
        extra={
          authority &&
          !publishing && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
              {t('labs.guides.publish')}
            </Button>
          )
        }
      >
        <ErrorAlert error={q.error ?? close.error} />
        <Table<Guide>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          expandable={{ expandedRowRender: (g) => <Indicators items={g.indicators} description={g.description} /> }}
          columns={[
            { title: t('labs.guides.no'), dataIndex: 'guideNo' },
            { title: t('labs.guides.name'), dataIndex: 'title' },
            { title: t('labs.guides.year'), dataIndex: 'year' },
            {
              title: t('labs.guides.window'),
              render: (_, g) => `${formatDate(g.window.from)} ~ ${formatDate(g.window.to)}`,
            },
            { title: t('labs.guides.domains'), render: (_, g) => g.domains.join(t('labs.common.sep')) || '-' },
            { title: t('labs.guides.publishedAt'), render: (_, g) => formatDateTime(g.publishedAt) },
            { title: t('labs.col.state'), render: (_, g) => <StateTag of="guide" state={g.state} /> },
            ...(authority
              ? [
                  {
                    title: t('labs.col.actions'),
                    render: (_: unknown, g: Guide) =>
                      g.state === 'published' && (
                        <Button size="small" onClick={() => close.mutate(g.id)} loading={close.isPending}>
                          {t('labs.guides.close')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {publishing && <PublishForm onDone={() => setPublishing(false)} />}
    </Space>
  );
}

function Indicators({ items, description }: { items: Indicator[]; description: string }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {description && <Typography.Paragraph style={{ marginBottom: 0 }}>{description}</Typography.Paragraph>}
      <Typography.Text strong>{t('labs.guides.indicators')}</Typography.Text>
      <Table<Indicator>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('labs.guides.indicatorName'), dataIndex: 'name' },
          { title: t('labs.guides.weight'), render: (_, i) => `${i.weight}%` },
          { title: t('labs.guides.indicatorDescription'), render: (_, i) => i.description || '-' },
        ]}
      />
    </Space>
  );
}

interface Values {
  title: string;
  year: number;
  windowFrom: string;
  windowTo: string;
  domains: string[];
  description?: string;
  indicators: { name: string; weight: number; description?: string }[];
}

/** The publish form: the call and its indicator set (weights are percentages; codes are assigned in order). */
function PublishForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const publish = useLabMutation(labsApi.publishGuide, onDone);
  const required = [{ required: true, message: t('labs.form.required') }];
  const onFinish = (v: Values) => {
    const body: PublishGuideInput = {
      title: v.title,
      year: v.year,
      windowFrom: v.windowFrom,
      windowTo: v.windowTo,
      domains: v.domains ?? [],
      description: v.description ?? '',
      indicators: v.indicators.map((i, n) => ({
        code: `I${n + 1}`,
        name: i.name,
        weight: i.weight,
        description: i.description ?? '',
      })),
    };
    publish.mutate(body);
  };
  return (
    <Card title={t('labs.guides.publish')}>
      <ErrorAlert error={publish.error} />
      <Form<Values>
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ year: new Date().getFullYear(), indicators: [{ name: '', weight: 100 }] }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('labs.guides.name')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="year" label={t('labs.guides.year')} rules={required}>
              <InputNumber min={2026} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="windowFrom" label={t('labs.guides.windowFrom')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="windowTo" label={t('labs.guides.windowTo')} rules={required}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="domains" label={t('labs.guides.domains')}>
              <Select mode="tags" open={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="description" label={t('labs.guides.description')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('labs.guides.indicators')}</Typography.Text>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} label={t('labs.guides.indicatorName')} rules={required}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} label={t('labs.guides.weight')} rules={required}>
                    <InputNumber min={0} max={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} label={t('labs.guides.indicatorDescription')}>
                    <Input maxLength={1000} style={{ width: 320 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined aria-label={t('labs.common.remove')} onClick={() => remove(f.name)} />
                  )}
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 0 })}>
                  {t('labs.guides.addIndicator')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>
            {t('labs.guides.publish')}
          </Button>
          <Button onClick={onDone}>{t('labs.common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
