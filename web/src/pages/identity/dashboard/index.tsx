import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { EChart } from '../../../components/EChart';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { identityApi, identityKeys, useAuditEvents, useOrgs } from '../api';
import { ACTOR_TYPES, actorLabel } from '../labels';
import { formatDate } from '../../../utils/datetime';

const DAYS = 14;

/** 工作台: counts and two charts from live API data. */
export default function DashboardPage() {
  const t = useT();
  const { me } = useSession();
  const canAudit = me.roles.some((r) => ['org_admin', 'auditor', 'audit_admin'].includes(r));
  const all = useOrgs({ page: 1, pageSize: 1 });
  const active = useOrgs({ state: 'active', page: 1, pageSize: 1 });
  const pending = useOrgs({ state: 'pending_verification', page: 1, pageSize: 1 });
  const byActor = useQueries({
    queries: ACTOR_TYPES.map((actor) => {
      const q = { actor, page: 1, pageSize: 1 };
      return { queryKey: identityKeys.orgList(q), queryFn: () => identityApi.orgs(q) };
    }),
  });
  const audit = useAuditEvents({ page: 1, pageSize: 500 }, canAudit);

  const actorOption = useMemo(() => {
    const rows = ACTOR_TYPES.map((a, i) => ({ name: actorLabel(t, a), value: byActor[i]?.data?.total ?? 0 })).filter(
      (r) => r.value > 0,
    );
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
      series: [
        {
          type: 'bar',
          name: t('identity.dashboard.orgsSeries'),
          data: rows.map((r) => r.value),
          itemStyle: { color: '#1f5fbf' },
          barMaxWidth: 22,
        },
      ],
    };
  }, [byActor, t]);

  const eventsOption = useMemo(() => {
    const days = Array.from({ length: DAYS }, (_, i) => formatDate(Date.now() - (DAYS - 1 - i) * 86_400_000));
    const counts = new Map(days.map((d) => [d, 0]));
    for (const e of audit.data?.items ?? []) {
      const d = formatDate(e.occurred_at);
      if (counts.has(d)) counts.set(d, counts.get(d)! + 1);
    }
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: t('identity.dashboard.eventsSeries'),
          data: days.map((d) => counts.get(d)),
          areaStyle: { opacity: 0.15 },
          itemStyle: { color: '#13a8a8' },
        },
      ],
    };
  }, [audit.data, t]);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('identity.dashboard.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('identity.dashboard.welcome', { name: me.user.realName || me.user.loginName })} · {me.org.nameZh}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('identity.dashboard.orgTotal')}
              value={all.data?.total ?? '-'}
              loading={all.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('identity.dashboard.orgActive')}
              value={active.data?.total ?? '-'}
              loading={active.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('identity.dashboard.orgPending')}
              value={pending.data?.total ?? '-'}
              loading={pending.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('identity.dashboard.auditTotal')}
              value={canAudit ? (audit.data?.total ?? '-') : '-'}
              loading={canAudit && audit.isPending}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('identity.dashboard.byActor')}>
            <EChart option={actorOption} height={320} ariaLabel={t('identity.dashboard.byActor')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('identity.dashboard.recentEvents')}>
            {canAudit ? (
              <EChart option={eventsOption} height={320} ariaLabel={t('identity.dashboard.recentEvents')} />
            ) : (
              <Typography.Text type="secondary">{t('identity.dashboard.noAudit')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
