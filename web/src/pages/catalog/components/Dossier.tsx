import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { Grade } from '../api';
import {
  GRADE_COLORS,
  dataTypeLabel,
  frequencyLabel,
  gradeLabel,
  openLabel,
  openModeLabel,
  sensitiveLabel,
  shareLabel,
  valueTypeLabel,
} from '../labels';

/** What every catalog review shows before a decision (issue 14 "Reviews decide without showing"). */
export interface DossierResource {
  resourceCode: string;
  nameZh: string;
  summary: string;
  sourceUnitName?: string | null;
  domain: string;
  dataType: string;
  openMode: string | null;
  format: string;
  updateFrequency: string;
  shareClass: string;
  shareConditions?: string | null;
  shareBasis?: string | null;
  openClass: string;
  openConditions?: string | null;
  openBasis?: string | null;
  grade: Grade | null | undefined;
  category?: string | null;
  personalInfo?: boolean;
  sensitivePersonalInfo?: boolean;
  volumeRows?: number | null;
}
export interface DossierField {
  id: string;
  nameZh: string;
  valueType: string;
  grade: Grade | null | undefined;
  category?: string | null;
  personalInfo?: boolean;
  sensitivePersonalInfo?: boolean;
  sensitiveCategory?: string | null;
  maskedExamples?: string[];
}

export function PiTags({ pi, spi, category }: { pi?: boolean; spi?: boolean; category?: string | null }) {
  const t = useT();
  if (spi)
    return (
      <Tag color="magenta">
        {t('catalog.list.spi')}
        {category ? ` · ${sensitiveLabel(t, category)}` : ''}
      </Tag>
    );
  if (pi) return <Tag color="purple">{t('catalog.list.pi')}</Tag>;
  return <Typography.Text type="secondary">{t('catalog.dossier.noPi')}</Typography.Text>;
}

/** The resource as filed, its classes with their conditions and basis, and every field with its grade. */
export function Dossier({
  r,
  fields,
  showExamples,
}: {
  r: DossierResource;
  fields: DossierField[];
  showExamples?: boolean;
}) {
  const t = useT();
  const dash = (v?: string | null) => (v && v.trim() ? v : '-');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" bordered column={2} title={t('catalog.dossier.resource')}>
        <Descriptions.Item label={t('catalog.list.colName')} span={2}>
          {r.nameZh}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.summary')} span={2}>
          {dash(r.summary)}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.detail.resourceCode')}>{r.resourceCode}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.detail.sourceUnit')}>{dash(r.sourceUnitName)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.domain')}>{dash(r.domain)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.dataType')}>{dataTypeLabel(t, r.dataType)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.openMode')}>{openModeLabel(t, r.openMode)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.frequency')}>
          {frequencyLabel(t, r.updateFrequency)}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.shareClass')}>{shareLabel(t, r.shareClass)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.shareBasis')}>
          {dash([r.shareConditions, r.shareBasis].filter(Boolean).join(' / '))}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.list.colOpen')}>{openLabel(t, r.openClass)}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.openBasis')}>
          {dash([r.openConditions, r.openBasis].filter(Boolean).join(' / '))}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.detail.resourceGrade')}>
          <Space size={4} wrap>
            <Tag color={r.grade ? GRADE_COLORS[r.grade] : undefined}>{gradeLabel(t, r.grade)}</Tag>
            <PiTags pi={r.personalInfo} spi={r.sensitivePersonalInfo} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.dossier.category')}>{dash(r.category)}</Descriptions.Item>
        {r.volumeRows != null && (
          <Descriptions.Item label={t('catalog.detail.volume')} span={2}>
            {t('catalog.detail.rows', { n: r.volumeRows })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<DossierField>
        rowKey="id"
        size="small"
        pagination={false}
        title={() => <Typography.Text strong>{t('catalog.dossier.fields', { n: fields.length })}</Typography.Text>}
        dataSource={fields}
        columns={[
          { title: t('catalog.detail.colName'), dataIndex: 'nameZh' },
          { title: t('catalog.detail.colType'), dataIndex: 'valueType', render: (v: string) => valueTypeLabel(t, v) },
          {
            title: t('catalog.detail.colGrade'),
            render: (_, f) => <Tag color={f.grade ? GRADE_COLORS[f.grade] : undefined}>{gradeLabel(t, f.grade)}</Tag>,
          },
          {
            title: t('catalog.detail.colFlags'),
            render: (_, f) => (
              <PiTags pi={f.personalInfo} spi={f.sensitivePersonalInfo} category={f.sensitiveCategory} />
            ),
          },
          { title: t('catalog.dossier.category'), dataIndex: 'category', render: (v: string | null) => v ?? '-' },
          ...(showExamples
            ? [
                {
                  title: t('catalog.detail.colExamples'),
                  render: (_: unknown, f: DossierField) =>
                    f.maskedExamples?.length ? (
                      <Typography.Text code>{f.maskedExamples.join(' / ')}</Typography.Text>
                    ) : (
                      '-'
                    ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
