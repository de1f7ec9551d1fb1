import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { label as supervisionLabel } from '../../supervision/labels';
import type { Application } from '../api';
import { FileState } from '../components/FileDigest';
import { decisionLabel, objectTypeLabel, PLAN_ITEMS, planItemLabel, qualificationLabel } from '../labels';

type Props = { a: Application };
const text = (v: string | null | undefined) => (v?.trim() ? v : '-');

/** 申报书: the two units, the staff and the attachments (000:L29). */
export function FormSection({ a }: Props) {
  const t = useT();
  const f = a.applicationForm;
  const orgName = (id: string) => (id === a.initiatorOrgId ? a.initiator : id === a.partnerOrgId ? a.partner : '-');
  return (
    <Card title={t('labs.dossier.form')} size="small">
      {!f ? (
        <Empty description={t('labs.file.missing')} />
      ) : (
        <>
          <Table
            rowKey={(u) => u.orgId}
            size="small"
            pagination={false}
            dataSource={f.unitInfo}
            columns={[
              { title: t('labs.dossier.unit'), render: (_, u) => orgName(u.orgId) },
              { title: t('labs.dossier.contact'), render: (_, u) => text(u.contact) },
              { title: t('labs.dossier.unitSummary'), render: (_, u) => text(u.summary) },
            ]}
          />
          {f.staff.length > 0 && (
            <Table
              style={{ marginTop: 8 }}
              rowKey={(s) => s.name}
              size="small"
              pagination={false}
              dataSource={f.staff}
              columns={[
                { title: t('labs.dossier.staffName'), dataIndex: 'name' },
                { title: t('labs.dossier.staffRole'), dataIndex: 'role' },
                { title: t('labs.dossier.staffTitle'), dataIndex: 'title' },
                { title: t('labs.dossier.timeShare'), render: (_, s) => `${s.timeSharePct}%` },
              ]}
            />
          )}
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t('labs.dossier.attachments')}: {f.attachments.join(t('labs.common.sep')) || t('labs.common.none')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

/** 建设方案: every item, the research schedule and the period indicators (LAB-03; an empty item is marked). */
export function PlanSection({ a }: Props) {
  const t = useT();
  const p = a.constructionPlan;
  return (
    <Card title={t('labs.dossier.plan')} size="small">
      {!p ? (
        <Empty description={t('labs.file.missing')} />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            bordered
            items={PLAN_ITEMS.map((k) => ({
              key: k,
              label: planItemLabel(t, k),
              children: p[k].trim() ? p[k] : <Tag color="red">{t('labs.dossier.emptyItem')}</Tag>,
            }))}
          />
          <Table
            style={{ marginTop: 8 }}
            rowKey={(r) => `${r.milestone}:${r.dueDate}`}
            size="small"
            pagination={false}
            dataSource={p.researchSchedule}
            locale={{ emptyText: t('labs.dossier.emptyItem') }}
            columns={[
              { title: t('labs.apply.milestone'), dataIndex: 'milestone' },
              { title: t('labs.apply.milestoneDue'), render: (_, r) => formatDate(r.dueDate) },
            ]}
          />
          <Table
            style={{ marginTop: 8 }}
            rowKey={(r) => r.name}
            size="small"
            pagination={false}
            dataSource={p.periodIndicators}
            locale={{ emptyText: t('labs.dossier.emptyItem') }}
            columns={[
              { title: t('labs.apply.indicatorName'), dataIndex: 'name' },
              { title: t('labs.apply.indicatorTarget'), render: (_, r) => `${r.target} ${r.unit}` },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** The data-security commitment, the agreement draft and the director (LAB-01, LAB-06). */
export function DocumentsSection({ a }: Props) {
  const t = useT();
  const d = a.director;
  return (
    <Card title={t('labs.dossier.documents')} size="small">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'c', label: t('labs.apply.commitment'), children: <FileState id={a.securityCommitmentFileId} /> },
          { key: 'g', label: t('labs.apply.agreementDraft'), children: <FileState id={a.agreementDraftFileId} /> },
          { key: 'dn', label: t('labs.apply.directorName'), children: d?.name ?? '-' },
          { key: 'dt', label: t('labs.apply.directorTitle'), children: text(d?.title) },
          {
            key: 'dq',
            label: t('labs.apply.qualification'),
            children: d ? qualificationLabel(t, d.qualification) : '-',
          },
          { key: 'cv', label: t('labs.dossier.directorCv'), children: <FileState id={d?.cvFileId} /> },
          {
            key: 'att',
            label: t('labs.dossier.directorAttested'),
            children: (
              <Tag color={a.directorAttested ? 'green' : 'orange'}>
                {t(a.directorAttested ? 'labs.dossier.attested' : 'labs.dossier.notAttested')}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** LAB-04: the most similar live labs and applications of the same initiator, and the reviewer's note. */
export function DuplicateSection({ a }: Props) {
  const t = useT();
  return (
    <Card title={t('labs.dossier.duplicates')} size="small">
      <Table
        rowKey={(s) => s.id}
        size="small"
        pagination={false}
        dataSource={a.similar}
        locale={{ emptyText: t('labs.dossier.noSimilar') }}
        columns={[
          { title: t('labs.dossier.similarKind'), render: (_, s) => objectTypeLabel(t, s.objectType) },
          {
            title: t('labs.dossier.similarNo'),
            render: (_, s) =>
              s.objectType === 'Lab' ? (
                <Link to={`/labs/${s.id}`}>{s.no}</Link>
              ) : (
                <Link to={`/labs/applications/${s.id}`}>{s.no}</Link>
              ),
          },
          { title: t('labs.dossier.similarName'), dataIndex: 'name' },
          { title: t('labs.apply.scenarioCode'), dataIndex: 'scenarioCode' },
          {
            title: t('labs.dossier.similarity'),
            render: (_, s) => <Tag color={s.score >= 0.8 ? 'red' : 'default'}>{`${Math.round(s.score * 100)}%`}</Tag>,
          },
        ]}
      />
      {a.duplicateNote && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('labs.dossier.duplicateNote')}: {a.duplicateNote.note} · {formatDateTime(a.duplicateNote.at)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** CRD-04: the parties' published bad-faith credit records: a warning for the reviewer, never a block. */
export function CreditSection({ a }: Props) {
  const t = useT();
  const orgName = (id: string) => (id === a.initiatorOrgId ? a.initiator : a.partner);
  return (
    <Card title={t('labs.dossier.credit')} size="small">
      <Table
        rowKey={(w) => w.id}
        size="small"
        pagination={false}
        dataSource={a.creditWarnings}
        locale={{ emptyText: t('labs.dossier.noCredit') }}
        columns={[
          { title: t('labs.dossier.unit'), render: (_, w) => orgName(w.orgId) },
          { title: t('labs.dossier.creditArea'), render: (_, w) => supervisionLabel(t, 'creditArea', w.area) },
          { title: t('labs.dossier.creditFacts'), dataIndex: 'facts' },
          {
            title: t('labs.dossier.creditWindow'),
            render: (_, w) => `${formatDate(w.publicFrom)} ~ ${formatDate(w.publicUntil)}`,
          },
        ]}
      />
    </Card>
  );
}

/** The review decisions, as far as the reader may see them (hidden from applicants until decided). */
export function ReviewsSection({ a }: Props) {
  const t = useT();
  if (!a.reviews.length) return null;
  return (
    <Card title={t('labs.dossier.reviews')} size="small">
      <Table
        rowKey={(r) => `${r.decision}:${r.at}`}
        size="small"
        pagination={false}
        dataSource={a.reviews}
        columns={[
          { title: t('labs.dossier.decision'), render: (_, r) => decisionLabel(t, r.decision) },
          { title: t('labs.dossier.reason'), render: (_, r) => text(r.reason) },
          { title: t('labs.dossier.decidedAt'), render: (_, r) => formatDateTime(r.at) },
        ]}
      />
    </Card>
  );
}
