import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../utils/datetime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import {
  catalogApi,
  useResource,
  useResourceMutation,
  type Field,
  type ResourceAction,
  type SnapshotColumn,
} from '../api';
import {
  GRADE_COLORS,
  STATE_COLORS,
  eventLabel,
  gradeLabel,
  inferredTypeLabel,
  openLabel,
  regLabel,
  regStateLabel,
  stateLabel,
  valueTypeLabel,
} from '../labels';
import { ReviewDrawer } from '../components/ReviewDrawer';
import { DetectionReview } from './components/DetectionReview';
import { RegisterButton } from './components/RegisterButton';
import { UploadCard } from './components/UploadCard';
import { FieldGradeOverride } from './components/FieldGradeOverride';
import { EvidenceSection } from '../../ledger/EvidenceSection';

/** Resource detail: fields with grades, detection evidence, quality, registration, history (catalog.md). */
export default function ResourceDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const res = useResource(id);
  const [reviewing, setReviewing] = useState(false);
  const [overriding, setOverriding] = useState<Field | null>(null);
  const resubmit = useResourceMutation(id, (regId: string) => catalogApi.registryAction(regId, 'resubmit'));
  const act = useResourceMutation(id, (action: ResourceAction) => catalogApi.action(id, action));
  if (res.error) return <QueryError error={res.error} />;
  const r = res.data;
  if (!r) return <Card loading />;
  const a = r.abilities;
  const snap = r.snapshots.find((s) => s.status === 'stored');
  const fieldName = (fid: string) => r.fields.find((f) => f.id === fid)?.nameZh ?? t('catalog.detail.unmatched');
  const reg = r.registrations[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {r.nameZh}
          </Typography.Title>
        }
        extra={
          <Space>
            {a.classify && (
              <Button onClick={() => act.mutate('classify')} loading={act.isPending}>
                {t('catalog.detail.classify')}
              </Button>
            )}
            {a.reopen && <Button onClick={() => act.mutate('reopen')}>{t('catalog.detail.reopen')}</Button>}
            {(a.publish || a.returnForRevision) && (
              <Button type="primary" onClick={() => setReviewing(true)}>
                {t('catalog.gradingReview.open')}
              </Button>
            )}
            {a.register && <RegisterButton resourceId={r.id} />}
          </Space>
        }
      >
        <ErrorAlert error={act.error} />
        {reg?.state === 'returned' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('catalog.detail.regReturned', { reason: reg.decision?.reasons ?? '-' })}
            description={
              reg.deficiencies?.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {reg.deficiencies.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              ) : undefined
            }
            action={
              reg.abilities.resubmit && (
                <Button
                  size="small"
                  type="primary"
                  loading={resubmit.isPending}
                  onClick={() => resubmit.mutate(reg.id)}
                >
                  {t('catalog.detail.resubmit')}
                </Button>
              )
            }
          />
        )}
        <ErrorAlert error={resubmit.error} />
        <Typography.Paragraph type="secondary">{r.summary}</Typography.Paragraph>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('catalog.detail.resourceCode')}>{r.resourceCode}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.sourceUnit')}>{r.sourceUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.state')}>
            <Tag color={STATE_COLORS[r.state]}>{stateLabel(t, r.state)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.resourceGrade')}>
            <Tag color={r.classification.grade ? GRADE_COLORS[r.classification.grade] : undefined}>
              {gradeLabel(t, r.classification.grade)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.list.colOpen')}>{openLabel(t, r.openClass)}</Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.volume')}>
            {r.volume ? t('catalog.detail.rows', { n: r.volume.records }) : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.registration')}>
            {regLabel(t, r.registrationStatus)}
            {reg && ` · ${regStateLabel(t, reg.state)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('catalog.detail.registrationCode')} span={2}>
            {r.registrationCode ?? '-'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {a.upload && <UploadCard resourceId={r.id} />}
      {(a.classify || r.detections.length > 0) && <DetectionReview r={r} />}
      <Card size="small" title={t('catalog.detail.fields')}>
        <Table<Field>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={r.fields}
          columns={[
            { title: t('catalog.detail.colName'), dataIndex: 'nameZh' },
            { title: t('catalog.detail.colType'), dataIndex: 'valueType', render: (v: string) => valueTypeLabel(t, v) },
            {
              title: t('catalog.detail.colGrade'),
              render: (_, f) => (
                <Tag color={f.classification.grade ? GRADE_COLORS[f.classification.grade] : undefined}>
                  {gradeLabel(t, f.classification.grade)}
                </Tag>
              ),
            },
            {
              title: t('catalog.detail.colFlags'),
              render: (_, f) =>
                f.classification.sensitivePersonalInfo ? (
                  <Tag color="magenta">{t('catalog.list.spi')}</Tag>
                ) : f.classification.personalInfo ? (
                  <Tag color="purple">{t('catalog.list.pi')}</Tag>
                ) : (
                  '-'
                ),
            },
            {
              title: t('catalog.detail.colExamples'),
              render: (_, f) =>
                f.maskedExamples.length ? <Typography.Text code>{f.maskedExamples.join(' / ')}</Typography.Text> : '-',
            },
            ...(a.classify
              ? [
                  {
                    title: t('catalog.override.col'),
                    render: (_: unknown, f: Field) => (
                      <Button
                        size="small"
                        type="link"
                        aria-label={`${t('catalog.override.button')} ${f.nameZh}`}
                        onClick={() => setOverriding(f)}
                      >
                        {t('catalog.override.button')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {snap && (
        <Card
          size="small"
          title={`${t('catalog.detail.quality')} · v${snap.snapshotVersion} · ${t('catalog.detail.rows', { n: snap.rows })}`}
        >
          <Table<SnapshotColumn>
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={snap.columns}
            columns={[
              { title: t('catalog.detail.colColumn'), dataIndex: 'name' },
              {
                title: t('catalog.detail.colInferred'),
                dataIndex: 'inferredType',
                render: (v: string) => inferredTypeLabel(t, v),
              },
              {
                title: t('catalog.detail.colMatched'),
                dataIndex: 'fieldId',
                render: (v: string) => (v === 'unmatched' ? <Tag>{t('catalog.detail.unmatched')}</Tag> : fieldName(v)),
              },
              {
                title: t('catalog.detail.colNullRate'),
                dataIndex: 'nullRate',
                render: (v: number) => `${(v * 100).toFixed(1)}%`,
              },
              {
                title: t('catalog.detail.colDistinct'),
                render: (_, c) =>
                  c.distinctApprox
                    ? t('catalog.detail.distinctApprox', { n: Math.min(c.distinctCount, snap.rows ?? c.distinctCount) })
                    : Math.min(c.distinctCount, snap.rows ?? c.distinctCount),
              },
              { title: t('catalog.detail.colViolations'), dataIndex: 'formatViolations' },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('catalog.detail.history')}>
        <Timeline
          items={r.history
            .slice(-30)
            .reverse()
            .map((e) => ({
              children: (
                <span>
                  {formatDateTime(e.occurredAt)} · {eventLabel(t, e.eventType)}
                </span>
              ),
            }))}
        />
      </Card>
      <EvidenceSection objectType="DataResource" objectId={r.id} />
      {reviewing && <ReviewDrawer id={r.id} onClose={() => setReviewing(false)} />}
      <FieldGradeOverride resourceId={r.id} domain={r.domain} field={overriding} onClose={() => setOverriding(null)} />
    </Space>
  );
}
