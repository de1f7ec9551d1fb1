import { Alert, Button, Card, Col, Collapse, Descriptions, Image, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/request';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { downloadBlob } from '../../../utils/download';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { rightsApi, useBundle, useBundleVerification, type CertificateBundle } from '../api';
import { PasteBundle } from '../components/PasteBundle';
import { VerifyResultCard } from '../components/VerifyResultCard';
import { label, STATUS_COLOR } from '../labels';

/** The checkpoint's tree size: the second line of the signed note (C2SP tlog-checkpoint). The origin names the
 * registry by its id, so the page names the log by the registry's name instead. */
function checkpointSize(text: string): string {
  return text.split('\n')[1] ?? '';
}

/**
 * The page a certificate's QR code opens (RA-23, no login): fetches the offline bundle, has the server verify it,
 * and shows 通过/不通过 with the status as of the checkpoint time. The QR's digest (`d`) and signature (`s`) are
 * compared with the registry's record, so a printed copy that differs is called out.
 */
export default function VerifyCertificatePage() {
  const t = useT();
  const number = useParams().number ?? '';
  const [params] = useSearchParams();
  const bundle = useBundle(number);
  const verify = useBundleVerification(number, bundle.data);
  const notFound = bundle.error instanceof ApiError && bundle.error.status === 404;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <Link to="/public/certificates">{t('rights.verify.back')}</Link>
      <Typography.Title level={3}>
        {t('rights.verify.title')} · {number}
      </Typography.Title>
      {notFound ? (
        <Alert type="error" showIcon message={t('rights.verify.notFound')} />
      ) : (
        <ErrorAlert error={bundle.error ?? verify.error} />
      )}
      {(bundle.isLoading || verify.isLoading) && <Spin tip={t('rights.verify.loading')}>{<div />}</Spin>}
      {bundle.data && (
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              {verify.data && <VerifyResultCard result={verify.data} />}
              <PrintedCopyCheck bundle={bundle.data} digest={params.get('d')} signature={params.get('s')} />
              <CertificateCard bundle={bundle.data} t={t} />
            </Space>
          </Col>
          <Col xs={24} md={8}>
            <QrCard number={number} bundle={bundle.data} t={t} />
          </Col>
        </Row>
      )}
      <PasteBundle />
    </Space>
  );
}

/** Only when the page was opened from a QR code: do its digest and signature match the record? */
function PrintedCopyCheck(p: { bundle: CertificateBundle; digest: string | null; signature: string | null }) {
  const t = useT();
  if (!p.digest && !p.signature) return null;
  const ok = p.digest === (p.bundle.log.leaf.contentDigest ?? '') && p.signature === p.bundle.signature.value;
  return (
    <Alert
      type={ok ? 'success' : 'error'}
      showIcon
      message={t(ok ? 'rights.verify.printedMatch' : 'rights.verify.printedMismatch')}
    />
  );
}

function CertificateCard({ bundle, t }: { bundle: CertificateBundle; t: TFunction }) {
  const c = bundle.certificate;
  const treeSize = checkpointSize(bundle.log.checkpoint);
  return (
    <Card>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('rights.verify.number')}>{c.certNo}</Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.kind')}>{label(t, 'certKind', c.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.status')}>
          <Tag color={STATUS_COLOR[bundle.status.value]}>{label(t, 'certStatus', bundle.status.value)}</Tag>
          {t('rights.verify.asOfShort', { time: formatDateTime(bundle.status.asOf) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.holder')}>{c.holder.name}</Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.uscc')}>{c.holder.uscc}</Descriptions.Item>
        {/* A lab plaque (labs.md) names its lab instead of a registered right. */}
        {c.kind === 'lab_plaque'
          ? [
              <Descriptions.Item key="lab" label={t('rights.verify.lab')}>
                {c.lab.name} · {c.lab.labNo}
              </Descriptions.Item>,
            ]
          : [
              <Descriptions.Item key="right" label={t('rights.verify.rightType')}>
                {label(t, 'rightType', c.rightType)}
              </Descriptions.Item>,
              <Descriptions.Item key="data" label={t('rights.verify.data')}>
                {c.data.name} {c.data.version}
              </Descriptions.Item>,
            ]}
        <Descriptions.Item label={t('rights.verify.registry')}>{c.registry.name}</Descriptions.Item>
        {c.kind !== 'lab_plaque' && (
          <Descriptions.Item label={t('rights.verify.registrationNo')}>{c.registrationNo}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('rights.verify.issuedAt')}>{formatDateTime(c.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.validity')}>
          {formatDate(c.validFrom)} ~ {formatDate(c.validTo)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.encumbrances')}>
          {bundle.encumbrances.length
            ? bundle.encumbrances.map((e) => (
                <div key={e.regId}>
                  {label(t, 'regType', e.type)} · {e.party} · {formatDate(e.date)}
                </div>
              ))
            : t('rights.common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.objectionNotes')}>
          {bundle.objectionNotes.length
            ? bundle.objectionNotes.map((o) => (
                <div key={o.objectionId}>
                  {formatDate(o.date)} ·{' '}
                  {t(o.removed ? 'rights.verify.objectionRemoved' : 'rights.verify.objectionActive')}
                </div>
              ))
            : t('rights.common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.logOrigin')}>
          {t('rights.verify.logOf', { registry: c.registry.name })}
        </Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.treeSize')}>{treeSize}</Descriptions.Item>
        <Descriptions.Item label={t('rights.verify.checkpointTime')}>
          {formatDateTime(bundle.status.asOf)}
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'cp',
            label: t('rights.verify.checkpoint'),
            children: <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{bundle.log.checkpoint}</pre>,
          },
        ]}
      />
    </Card>
  );
}

function QrCard({ number, bundle, t }: { number: string; bundle: CertificateBundle; t: TFunction }) {
  const download = () =>
    downloadBlob(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }), `${number}.json`);
  return (
    <Card title={t('rights.verify.qr')}>
      <Space direction="vertical" align="center" style={{ width: '100%' }}>
        <Image src={rightsApi.qrUrl(number)} alt={t('rights.verify.qr')} width={220} preview={false} />
        <Typography.Text type="secondary">{t('rights.verify.qrHint')}</Typography.Text>
        <Space>
          <Button onClick={download}>{t('rights.verify.download')}</Button>
          <Button href={rightsApi.pdfUrl(number)} target="_blank">
            {t('rights.verify.pdf')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('rights.verify.offlineHint')}
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
