import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, CrownOutlined } from '@ant-design/icons';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { PageSpinner } from '../../../layouts/PageElement';
import { usePersonnel, type PersonnelMember } from '../api';
import { memberStateLabel, roleLabel, STATE_COLORS } from '../labels';

const CHECK_COLORS: Record<string, string> = { passed: 'green', failed: 'red', expired: 'red', not_started: 'default' };

const yesNo = (ok: boolean) =>
  ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
const checkLabel = (t: TFunction, s: string) => {
  const v = t(`identity.personnel.check.${s}`);
  return v.startsWith('identity.') ? s : v;
};

/** The current org's personnel (000:L48): background checks, NDAs, TOTP, the primary security officer (PER-01 … PER-03). */
export default function PersonnelPage() {
  const t = useT();
  const { me } = useSession();
  const q = usePersonnel(me.org.id);
  if (q.isPending) return <PageSpinner />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  const w = p.warnings;

  const columns: TableColumnsType<PersonnelMember> = [
    {
      title: t('identity.personnel.colMember'),
      key: 'member',
      render: (_, m) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <span>{m.realName || m.loginName}</span>
            {m.primarySecurityOfficer && (
              <Tooltip title={t('identity.personnel.primaryOfficer')}>
                <Tag icon={<CrownOutlined />} color="gold">
                  {t('identity.personnel.primaryShort')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <Typography.Text type="secondary" code>
            {m.loginName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('identity.orgDetail.memberRoles'),
      dataIndex: 'roles',
      render: (rs: string[]) => (
        <Space size={[4, 4]} wrap>
          {rs.map((r) => (
            <Tag key={r}>{roleLabel(t, r)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('identity.orgDetail.memberState'),
      dataIndex: 'state',
      render: (v: string) => <Tag color={STATE_COLORS[v]}>{memberStateLabel(t, v)}</Tag>,
    },
    {
      title: t('identity.personnel.colCheck'),
      key: 'check',
      render: (_, m) => (
        <Space size={4} wrap>
          <Tag
            color={m.backgroundCheck.valid ? CHECK_COLORS.passed : (CHECK_COLORS[m.backgroundCheck.status] ?? 'red')}
          >
            {m.backgroundCheck.status === 'passed' && !m.backgroundCheck.valid
              ? checkLabel(t, 'expired')
              : checkLabel(t, m.backgroundCheck.status)}
          </Tag>
          {m.backgroundCheck.expiringSoon && <Tag color="orange">{t('identity.personnel.expiringSoon')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('identity.personnel.colCheckExpires'),
      key: 'checkExpires',
      render: (_, m) => m.backgroundCheck.expiresAt ?? '-',
    },
    {
      title: t('identity.personnel.colNda'),
      key: 'nda',
      render: (_, m) => (
        <Space size={4}>
          {yesNo(m.nda.onFile)}
          <Typography.Text type="secondary">{m.nda.signedAt ?? ''}</Typography.Text>
          {m.nda.expiringSoon && <Tag color="orange">{t('identity.personnel.expiringSoon')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('identity.personnel.colTotp'),
      key: 'totp',
      render: (_, m) =>
        m.totpEnrolled ? yesNo(true) : m.demo ? <Tag>{t('identity.personnel.demoExempt')}</Tag> : yesNo(false),
    },
  ];

  const exportColumns: ExportColumn<PersonnelMember>[] = [
    { header: t('identity.orgDetail.memberLogin'), value: (m) => m.loginName, width: 20 },
    { header: t('identity.orgDetail.memberName'), value: (m) => m.realName },
    {
      header: t('identity.orgDetail.memberRoles'),
      value: (m) => m.roles.map((r) => roleLabel(t, r)).join(', '),
      width: 36,
    },
    { header: t('identity.personnel.colCheck'), value: (m) => checkLabel(t, m.backgroundCheck.status) },
    { header: t('identity.personnel.colCheckExpires'), value: (m) => m.backgroundCheck.expiresAt },
    { header: t('identity.personnel.colNda'), value: (m) => (m.nda.onFile ? t('app.common.yes') : t('app.common.no')) },
    {
      header: t('identity.personnel.colTotp'),
      value: (m) => (m.totpEnrolled ? t('app.common.yes') : t('app.common.no')),
    },
    {
      header: t('identity.personnel.primaryOfficer'),
      value: (m) => (m.primarySecurityOfficer ? t('app.common.yes') : ''),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('identity.personnel.title', { org: me.org.nameZh })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" data-testid="card-officer">
            <Statistic
              title={t('identity.personnel.officerCard')}
              value={
                p.primaryOfficer
                  ? p.primaryOfficer.realName || p.primaryOfficer.loginName
                  : t('identity.personnel.officerNone')
              }
              valueStyle={{ fontSize: 20, color: w.missingPrimaryOfficer ? '#cf1322' : undefined }}
            />
            {w.missingPrimaryOfficer && <Tag color="red">PER-01</Tag>}
            {p.primaryOfficer && !p.primaryOfficer.ready && (
              <Tag color="orange">{t('identity.personnel.officerNotReady')}</Tag>
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small">
            <Statistic title={t('identity.personnel.membersCard')} value={p.items.length} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" data-testid="card-checks">
            <Statistic
              title={t('identity.personnel.checksCard', { days: p.warningDays })}
              value={w.expiringChecks}
              valueStyle={{ color: w.expiringChecks ? '#d46b08' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" data-testid="card-nda">
            <Statistic
              title={t('identity.personnel.ndaCard')}
              value={w.ndaMissing}
              valueStyle={{ color: w.ndaMissing ? '#cf1322' : undefined }}
              suffix={
                w.ndaExpiring ? (
                  <Typography.Text type="warning" style={{ fontSize: 13 }}>
                    {t('identity.personnel.ndaExpiring', { n: w.ndaExpiring })}
                  </Typography.Text>
                ) : null
              }
            />
          </Card>
        </Col>
      </Row>
      {w.missingPrimaryOfficer && (
        <Alert
          type="error"
          showIcon
          message={t('identity.personnel.missingOfficer')}
          description={t('identity.personnel.missingOfficerHelp')}
        />
      )}
      {!p.officerRequired && !p.primaryOfficer && (
        <Alert type="info" showIcon message={t('identity.personnel.officerOptional')} />
      )}
      <Card
        title={t('identity.personnel.members')}
        extra={
          <ExportExcelButton fileName={t('identity.personnel.exportName')} columns={exportColumns} rows={p.items} />
        }
      >
        <Table<PersonnelMember>
          rowKey="membershipId"
          size="small"
          columns={columns}
          dataSource={p.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
    </Space>
  );
}
