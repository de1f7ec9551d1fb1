import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useI18n, useT, type TFunction } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDateTime } from '../../../utils/datetime';
import { releaseUrl, useEgress, useReviewEgress, type AutoCheck, type Egress } from '../api';
import { declaredUseLabel, outputKindLabel, StatusTag } from '../labels';
import { EvidenceSection } from '../../ledger/EvidenceSection';
import { ArtifactFindings } from '../components/ArtifactFindings';

const CHECKS = new Set(['EGR-01', 'EGR-02', 'EGR-03', 'EGR-04', 'EGR-05', 'EGR-06', 'EGR-07', 'EGR-08']);
const NUMERIC_DETAIL = ['k', 'suppressedRows', 'suppressedCells', 'removedRows', 'epsilon', 'remaining', 'needed'];
const NAMED_DETAIL = ['column', 'field'];

/** A check's detail object as labelled lines (issue 14: egress check results never as raw JSON). */
export function checkDetailLines(t: TFunction, d: Record<string, unknown>): string[] {
  const lines: string[] = [];
  let other = 0;
  for (const [key, v] of Object.entries(d ?? {})) {
    if (v === undefined || v === null) continue;
    if (key === 'kind' && typeof v === 'string')
      lines.push(t('sandbox.checkDetail.kind', { v: outputKindLabel(t, v) }));
    else if (key === 'reason' && v === 'differencing') lines.push(t('sandbox.checkDetail.reason.differencing'));
    else if (key === 'columns' && Array.isArray(v))
      lines.push(t('sandbox.checkDetail.columns', { v: v.map(String).join(t('sandbox.common.listSep')) }));
    else if (NUMERIC_DETAIL.includes(key) && (typeof v === 'number' || typeof v === 'string'))
      lines.push(t(`sandbox.checkDetail.${key}`, { v }));
    else if (NAMED_DETAIL.includes(key) && typeof v === 'string') lines.push(t(`sandbox.checkDetail.${key}`, { v }));
    else other += 1;
  }
  if (other) lines.push(t('sandbox.checkDetail.more', { n: other }));
  return lines;
}

/** One EgressRequest: check report, SQL, lineage and checked preview side by side; the authority's decision; the release. */
export default function EgressDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { me, facts } = useSession();
  const q = useEgress(id);
  const review = useReviewEgress(id);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  if (q.error) return <QueryError error={q.error} />;
  const e = q.data;
  if (!e) return <Card loading />;
  // LAB-35: a lab request's first review is its initiator's (named in reviewerOrgIds), every other the authority's.
  const isReviewer =
    e.requesterOrgId !== me.org.id &&
    (e.awaitingReviewBy === 'lab_initiator'
      ? e.reviewerOrgIds.includes(me.org.id)
      : e.awaitingReviewBy === 'authority' && facts.actors.includes('authority'));
  const decide = (decision: 'approve' | 'deny' | 'return') => {
    setTried(true);
    if (reason.trim()) review.mutate({ decision, reason: reason.trim() });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            {t('sandbox.egressDetail.title')}
            <StatusTag t={t} status={e.status} />
          </Space>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'kind', label: t('sandbox.egress.outputKind'), children: outputKindLabel(t, e.outputKind) },
            { key: 'use', label: t('sandbox.egress.declaredUse'), children: declaredUseLabel(t, e.declaredUse) },
            {
              key: 'requester',
              label: t('sandbox.egressDetail.requester'),
              children: [e.requesterOrgName, e.requesterName].filter(Boolean).join(' · ') || '-',
            },
            { key: 'recipient', label: t('sandbox.egressDetail.recipient'), children: e.recipientOrgName ?? '-' },
            { key: 'created', label: t('sandbox.egressDetail.createdAt'), children: formatDateTime(e.createdAt) },
            { key: 'due', label: t('sandbox.egressList.dueAt'), children: formatDateTime(e.reviewDueAt) },
            { key: 'just', label: t('sandbox.egress.justification'), children: e.justification, span: 2 },
            { key: 'supp', label: t('sandbox.egressDetail.suppressed'), children: e.suppressedRows ?? 0 },
            { key: 'eps', label: t('sandbox.egressDetail.epsilon'), children: e.epsilonSpent ?? 0 },
            { key: 'rows', label: t('sandbox.egressDetail.rows'), children: e.artifact?.rows ?? '-' },
            {
              key: 'size',
              label: t('sandbox.egressDetail.size'),
              children: e.artifact ? t('sandbox.egressDetail.sizeBytes', { n: e.artifact.sizeBytes }) : '-',
            },
            {
              key: 'sm3',
              label: t('sandbox.egressDetail.artifactSm3'),
              children: e.artifact ? (
                <Typography.Text code copyable>
                  {e.artifact.sm3}
                </Typography.Text>
              ) : (
                '-'
              ),
              span: 2,
            },
          ]}
        />
      </Card>
      {e.artifact && e.artifact.format !== 'csv' && (
        <Card title={t('sandboxEgress.findings.title')}>
          <ArtifactFindings findings={e.artifact.findings} />
        </Card>
      )}
      <Card title={t('sandbox.egressDetail.checks')}>
        <Table<AutoCheck>
          rowKey="check"
          size="small"
          pagination={false}
          dataSource={e.autoChecks}
          columns={[
            {
              title: t('sandbox.egressDetail.check'),
              dataIndex: 'check',
              render: (c: string) => (
                <Space size={4}>
                  <span>{t(CHECKS.has(c) ? `sandbox.check.${c}` : 'sandbox.check.other')}</span>
                  <Tag>{c}</Tag>
                </Space>
              ),
            },
            {
              title: t('sandbox.egressDetail.result'),
              dataIndex: 'result',
              width: 120,
              render: (r: string) => <StatusTag t={t} status={r} />,
            },
            {
              title: t('sandbox.egressDetail.detail'),
              dataIndex: 'detail',
              render: (d: Record<string, unknown>) => {
                const lines = checkDetailLines(t, d);
                return lines.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                ) : (
                  <Typography.Text type="secondary">{t('sandbox.checkDetail.none')}</Typography.Text>
                );
              },
            },
          ]}
        />
        <Failures e={e} />
      </Card>
      <Card title={t('sandbox.egressDetail.lineage')}>
        <Typography.Paragraph>
          <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
            {e.sql}
          </Typography.Text>
        </Typography.Paragraph>
        {e.lineage && (
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'sqlSm3',
                label: t('sandbox.egressDetail.sqlSm3'),
                children: <Typography.Text code>{e.lineage.sqlSm3}</Typography.Text>,
              },
              {
                key: 'views',
                label: t('sandbox.egressDetail.viewVersions'),
                children: viewVersions(t, e.lineage.viewVersions),
              },
            ]}
          />
        )}
        {e.preview && e.preview.length > 0 && (
          <PreviewTable lines={e.preview} label={t('sandbox.egressDetail.preview')} />
        )}
      </Card>
      {e.reviews.length > 0 && (
        <Card title={t('sandbox.egressDetail.reviews')}>
          <Timeline
            items={e.reviews.map((r) => ({
              color: r.decision === 'approve' ? 'green' : r.decision === 'deny' ? 'red' : 'orange',
              children: (
                <Space direction="vertical" size={0}>
                  <Space>
                    <Typography.Text strong>{t(`sandbox.egressDetail.decision.${r.decision}`)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {(r.reviewerId && e.reviewerNames?.[r.reviewerId]) || ''} · {formatDateTime(r.at)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text>{r.reason}</Typography.Text>
                </Space>
              ),
            }))}
          />
        </Card>
      )}
      {isReviewer && (
        <Card title={t('sandbox.egressDetail.decide')}>
          <Input.TextArea
            aria-label={t('sandbox.egressDetail.reason')}
            rows={2}
            value={reason}
            onChange={(x) => setReason(x.target.value)}
            status={tried && !reason.trim() ? 'error' : undefined}
          />
          {tried && !reason.trim() && (
            <Typography.Text type="danger">{t('sandbox.egressDetail.reasonRequired')}</Typography.Text>
          )}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => decide('approve')} loading={review.isPending}>
              {t('sandbox.egressDetail.approve')}
            </Button>
            <Button danger onClick={() => decide('deny')}>
              {t('sandbox.egressDetail.deny')}
            </Button>
            <Button onClick={() => decide('return')}>{t('sandbox.egressDetail.return')}</Button>
          </Space>
          <ErrorAlert error={review.error} style={{ marginTop: 12 }} />
        </Card>
      )}
      {e.release && (
        <Card title={t('sandbox.egressDetail.release')}>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'wm',
                label: t('sandbox.egressDetail.watermark'),
                children: <Typography.Text code>{e.release.watermarkCode}</Typography.Text>,
              },
              ...(e.release.xlsxSm3
                ? [
                    {
                      key: 'xfp',
                      label: t('sandbox.egressDetail.xlsxFingerprint'),
                      children: <Typography.Text code>{e.release.xlsxSm3}</Typography.Text>,
                    },
                  ]
                : []),
              {
                key: 'fp',
                label: e.release.xlsxSm3
                  ? t('sandbox.egressDetail.csvFingerprint')
                  : t('sandbox.egressDetail.fingerprint'),
                children: <Typography.Text code>{e.release.fingerprintSm3}</Typography.Text>,
              },
              {
                key: 'exp',
                label: t('sandbox.egressDetail.linkExpires'),
                children: formatDateTime(e.release.linkExpiresAt),
              },
              { key: 'dl', label: t('sandbox.egressDetail.downloads'), children: e.release.downloads.length },
            ]}
          />
          {e.recipientOrgId === me.org.id && (
            <>
              <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('sandbox.egressDetail.fileNote')} />
              <Space>
                {e.release.xlsxSm3 && (
                  <Button type="primary" icon={<DownloadOutlined />} href={releaseUrl(e.id, 'xlsx')} download>
                    {t('sandbox.egressDetail.downloadXlsx')}
                  </Button>
                )}
                <Button icon={<DownloadOutlined />} href={releaseUrl(e.id, 'csv')} download>
                  {t('sandbox.egressDetail.downloadCsv')}
                </Button>
              </Space>
            </>
          )}
        </Card>
      )}
      <EvidenceSection objectType="EgressRequest" objectId={e.id} />
    </Space>
  );
}

function Failures({ e }: { e: Egress }) {
  const { lang } = useI18n();
  if (!e.failures.length) return null;
  return (
    <List
      size="small"
      style={{ marginTop: 12 }}
      dataSource={e.failures}
      renderItem={(f) => (
        <List.Item>
          <Typography.Text type="danger">
            <Tag>{f.ruleId}</Tag>
            {lang === 'zh-CN' ? f.message : (f.message_en ?? f.message)}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** One CSV line of the checked artifact (RFC 4180 quoting) as its cells. */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cell = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/** The checked (and, with DP, noised) table the reviewer decides on, as a table rather than CSV text. */
function PreviewTable({ lines, label }: { lines: string[]; label: string }) {
  const [header = [], ...rows] = lines.map(csvCells);
  return (
    <div aria-label={label} style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey={(_, i) => String(i)}
        scroll={{ x: true }}
        dataSource={rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v])))}
        columns={header.map((h, i) => ({ title: h, dataIndex: String(i) }))}
      />
    </div>
  );
}

/** `企业登记信息 v3` for each view the source job read. */
function viewVersions(t: TFunction, v: unknown): string {
  if (!Array.isArray(v)) return '-';
  return (
    v
      .map(
        (x: { view?: string; name?: string; snapshotVersion?: number | null }) =>
          `${x.view ?? x.name ?? ''} ${t('sandbox.workspace.snapshot', { v: x.snapshotVersion ?? '-' })}`,
      )
      .join(t('sandbox.common.listSep')) || '-'
  );
}
