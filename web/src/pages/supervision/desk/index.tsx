import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDateTime } from '../../../utils/datetime';
import {
  useDeskBans,
  useDeskIncidents,
  useDeskRectifications,
  useFlows,
  useOverview,
  useTodo,
  type DeskIncident,
  type FlowEdge,
  type TodoItem,
} from '../api';
import { DeskTable } from '../components/DeskTable';
import { FlowObjects } from '../components/FlowObjects';
import { FlowSankey } from '../components/FlowSankey';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

const OPEN_RECT = ['ordered', 'submitted', 'rejected', 'overdue', 'escalated'];
const TODO_PAGE: Record<string, string> = {
  Report: '/supervision/reports/',
  Rectification: '/supervision/rectifications/',
  Incident: '/supervision/incidents/',
};

/**
 * The regulator's and the authority's desk (supervision.md "What users see"): counts, the flow map with drill-down
 * to every object and its evidence, overdue items and the to-do, open incidents. Each reads its own jurisdiction.
 */
export default function SupervisionDeskPage() {
  const t = useT();
  const { facts } = useSession();
  const overview = useOverview();
  const flows = useFlows();
  const todo = useTodo();
  const incidents = useDeskIncidents({});
  const rects = useDeskRectifications({});
  const bans = useDeskBans({});
  const [edge, setEdge] = useState<FlowEdge | null>(null);
  if (overview.error) return <QueryError error={overview.error} />;
  const o = overview.data;
  const rectRows = rects.data?.items ?? [];
  const openIncidents = (incidents.data?.items ?? []).filter((i) => i.state !== 'closed');
  const counts = [
    { key: 'inc', title: t('supervision.desk.openIncidents'), value: o?.incidents.open, danger: true },
    { key: 'sub', title: t('supervision.desk.submittedReports'), value: o?.reports.submitted },
    { key: 'over', title: t('supervision.desk.overdueReports'), value: o?.reports.overdue, danger: true },
    { key: 'esc', title: t('supervision.desk.escalated'), value: o?.reports.escalated, danger: true },
    {
      key: 'rect',
      title: t('supervision.desk.openRect'),
      value: rectRows.filter((r) => OPEN_RECT.includes(r.state)).length,
    },
    {
      key: 'rover',
      title: t('supervision.desk.overdueRect'),
      value: rectRows.filter((r) => r.state === 'overdue' || r.state === 'escalated').length,
      danger: true,
    },
    {
      key: 'ban',
      title: t('supervision.desk.activeBans'),
      value: (bans.data?.items ?? []).filter((b) => b.state === 'active').length,
    },
    { key: 'fail', title: t('supervision.desk.failedEvaluations'), value: o?.evaluations.failed },
  ];
  const edges = flows.data?.edges ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('supervision.desk.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t(
            facts.actors.includes('authority')
              ? 'supervision.desk.subtitleAuthority'
              : 'supervision.desk.subtitleRegulator',
          )}
        </Typography.Text>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {counts.map((c) => (
            <Col key={c.key} xs={12} md={6} xl={3}>
              <Statistic
                title={c.title}
                value={c.value ?? 0}
                loading={overview.isLoading}
                valueStyle={c.danger && c.value ? { color: '#cf1322' } : undefined}
              />
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        title={t('supervision.desk.flows')}
        extra={<Typography.Text type="secondary">{t('supervision.desk.flowsHint')}</Typography.Text>}
        loading={flows.isLoading}
      >
        <FlowSankey edges={edges} />
      </Card>
      <DeskTable<FlowEdge>
        title={t('supervision.desk.flowTable')}
        size="small"
        rows={edges}
        rowKey={(e) => `${e.kind}:${e.fromOrgId}:${e.toOrgId}`}
        fileName={t('supervision.desk.exportFlows')}
        loading={flows.isLoading}
        error={flows.error}
        state={{ of: (e) => e.kind, label: (k) => label(t, 'flowKind', k) }}
        org={(e) => e.toName}
        columns={[
          { key: 'kind', title: t('supervision.desk.todoKind'), text: (e) => label(t, 'flowKind', e.kind) },
          { key: 'from', title: t('supervision.desk.from'), text: (e) => e.fromName },
          { key: 'to', title: t('supervision.desk.to'), text: (e) => e.toName },
          {
            key: 'count',
            title: t('supervision.desk.count'),
            text: (e) => String(e.count),
            render: (e) => (
              <Button type="link" size="small" onClick={() => setEdge(e)}>
                {e.count}
              </Button>
            ),
          },
          { key: 'susp', title: t('supervision.desk.suspended'), text: (e) => String(e.suspended) },
        ]}
      />
      {!todo.error && (
        <DeskTable<TodoItem>
          title={t('supervision.desk.todo')}
          size="small"
          rows={todo.data?.items ?? []}
          rowKey={(i) => `${i.kind}:${i.objectId}`}
          fileName={t('supervision.desk.exportTodo')}
          loading={todo.isLoading}
          state={{ of: (i) => i.kind, label: (k) => label(t, 'todoKind', k) }}
          org={(i) => i.orgName}
          columns={[
            { key: 'kind', title: t('supervision.desk.todoKind'), text: (i) => label(t, 'todoKind', i.kind) },
            {
              key: 'title',
              title: t('supervision.desk.todoTitle'),
              text: (i) => (i.reportKind ? `${label(t, 'reportKind', i.reportKind)} ${i.title}` : i.title),
              render: (i) => (
                <Link to={`${TODO_PAGE[i.objectType] ?? '/'}${i.objectId}`}>
                  {i.reportKind ? `${label(t, 'reportKind', i.reportKind)} ${i.title}` : i.title}
                </Link>
              ),
            },
            { key: 'org', title: t('supervision.common.org'), text: (i) => i.orgName },
            { key: 'due', title: t('supervision.desk.dueAt'), text: (i) => formatDateTime(i.dueAt) },
            {
              key: 'days',
              title: t('supervision.desk.daysOverdue'),
              text: (i) => (i.daysOverdue === null ? '-' : String(i.daysOverdue)),
            },
          ]}
        />
      )}
      <DeskTable<DeskIncident>
        title={t('supervision.desk.incidentList')}
        size="small"
        rows={openIncidents}
        rowKey={(i) => i.id}
        fileName={t('supervision.incident.exportName')}
        loading={incidents.isLoading}
        error={incidents.error}
        state={{ of: (i) => i.severity, label: (s) => label(t, 'severity', s) }}
        org={(i) => i.reporterName}
        columns={[
          {
            key: 'no',
            title: t('supervision.incident.no'),
            text: (i) => i.incidentNo,
            render: (i) => <Link to={`/supervision/incidents/${i.id}`}>{i.incidentNo}</Link>,
          },
          { key: 'type', title: t('supervision.incident.type'), text: (i) => label(t, 'incidentType', i.type) },
          { key: 'sev', title: t('supervision.incident.severity'), text: (i) => label(t, 'severity', i.severity) },
          { key: 'rep', title: t('supervision.incident.reporter'), text: (i) => i.reporterName },
          { key: 'at', title: t('supervision.incident.reportedAt'), text: (i) => formatDateTime(i.reportedAt) },
          {
            key: 'state',
            title: t('supervision.common.state'),
            text: (i) => label(t, 'incidentState', i.state),
            render: (i) => <StateTag group="incidentState" state={i.state} />,
          },
        ]}
      />
      <FlowObjects edge={edge} onClose={() => setEdge(null)} />
    </Space>
  );
}
