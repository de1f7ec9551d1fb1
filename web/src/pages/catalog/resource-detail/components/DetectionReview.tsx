import { useState } from 'react';
import { Button, Card, Input, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { catalogApi, useResourceMutation, type Detection, type Grade, type Resource } from '../../api';
import { GRADE_COLORS, GRADE_RANK, STATE_COLORS, detectorLabel, gradeLabel, stateLabel } from '../../labels';

/** Classification workbench: detections with evidence, accept/reject (DET-05), take-the-highest preview (CLS-03). */
export function DetectionReview({ r }: { r: Resource }) {
  const t = useT();
  const [rejecting, setRejecting] = useState<Detection | null>(null);
  const [reason, setReason] = useState('');
  const mut = useResourceMutation(r.id, (fn: () => Promise<unknown>) => fn());
  const pending = r.detections.filter((d) => d.status === 'pending');
  const rest = r.fields.filter(
    (f) => f.classification.status !== 'confirmed' && !pending.some((d) => d.fieldId === f.id),
  );
  const confirmed = r.fields.filter((f) => f.classification.status === 'confirmed');
  const derived = confirmed.reduce<Grade>(
    (m, f) =>
      f.classification.grade && GRADE_RANK[f.classification.grade] > GRADE_RANK[m] ? f.classification.grade : m,
    'general',
  );
  const pi = confirmed.some((f) => f.classification.personalInfo),
    spi = confirmed.some((f) => f.classification.sensitivePersonalInfo);
  const run = (fn: () => Promise<unknown>) =>
    mut.mutate(fn, { onSuccess: () => void message.success(t('catalog.detail.done')) });
  const acceptAll = () =>
    run(async () => {
      for (const d of pending) await catalogApi.reviewDetection(d.id, 'accept');
    });
  const confirmRest = () =>
    run(async () => {
      for (const f of rest)
        await catalogApi.classifyField(r.id, f.id, {
          category: `${r.domain}/${f.nameZh}`,
          grade: 'general',
          personalInfo: false,
          sensitivePersonalInfo: false,
        });
    });
  const confirmResource = () =>
    run(() =>
      catalogApi.classifyResource(r.id, {
        category: r.domain,
        grade: derived,
        personalInfo: pi,
        sensitivePersonalInfo: spi,
      }),
    );
  return (
    <Card size="small" title={t('catalog.review.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={mut.error} />
      <Table<Detection>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.detections.filter((d) => d.status !== 'superseded')}
        columns={[
          { title: t('catalog.review.colColumn'), dataIndex: 'column' },
          { title: t('catalog.review.colDetector'), dataIndex: 'detector', render: (v: string) => detectorLabel(t, v) },
          { title: t('catalog.review.colConfidence'), dataIndex: 'confidence' },
          {
            title: t('catalog.review.colEvidence'),
            render: (_, d) => (
              <Typography.Text type="secondary">
                {t('catalog.review.evidence', { sampled: d.sampleSize, matches: d.matches })}
                {d.checksumPassRatio != null &&
                  t('catalog.review.checksum', { pct: Math.round(d.checksumPassRatio * 100) })}
                {d.headerKeywordHit && t('catalog.review.header')}
              </Typography.Text>
            ),
          },
          {
            title: t('catalog.review.colSuggestion'),
            render: (_, d) => (
              <Space size={2}>
                <Tag color={GRADE_COLORS[d.suggested.grade]}>{gradeLabel(t, d.suggested.grade)}</Tag>
                {d.suggested.category}
              </Space>
            ),
          },
          {
            title: t('catalog.review.colStatus'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{stateLabel(t, v)}</Tag>,
          },
          {
            title: '',
            render: (_, d) =>
              d.status === 'pending' && (
                <Space>
                  <Button
                    size="small"
                    type="link"
                    aria-label={`${t('catalog.review.accept')} ${d.column}`}
                    onClick={() => run(() => catalogApi.reviewDetection(d.id, 'accept'))}
                  >
                    {t('catalog.review.accept')}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => {
                      setRejecting(d);
                      setReason('');
                    }}
                  >
                    {t('catalog.review.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button disabled={!pending.length} loading={mut.isPending} onClick={acceptAll}>
          {t('catalog.review.acceptAll')}
        </Button>
        <Button disabled={!rest.length || pending.length > 0} loading={mut.isPending} onClick={confirmRest}>
          {t('catalog.review.confirmRest')}
        </Button>
        <Button
          type="primary"
          disabled={pending.length > 0 || rest.length > 0}
          loading={mut.isPending}
          onClick={confirmResource}
        >
          {t('catalog.review.confirmResource')}
        </Button>
        <Typography.Text type="secondary">
          {t('catalog.review.derived', { grade: gradeLabel(t, derived) })}
        </Typography.Text>
      </Space>
      <Modal
        open={!!rejecting}
        title={t('catalog.review.reject')}
        onCancel={() => setRejecting(null)}
        onOk={() => {
          const d = rejecting!;
          setRejecting(null);
          run(() => catalogApi.reviewDetection(d.id, 'reject', reason));
        }}
      >
        <Input.TextArea
          aria-label={t('catalog.review.rejectReason')}
          placeholder={t('catalog.review.rejectReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
