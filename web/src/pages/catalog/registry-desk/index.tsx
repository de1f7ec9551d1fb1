import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import {
  materialUrl,
  useRegistration,
  useRegistrations,
  useRegistryAction,
  type Registration,
  type RegistrationDetail,
  type RegistryAction,
} from '../api';
import { Dossier } from '../components/Dossier';
import { DecisionModal, type Decision } from '../components/DecisionModal';
import { materialLabel, regStateLabel } from '../labels';

const due = (r: Registration) => r.clocks?.publicityEnd ?? r.clocks?.reviewDue ?? r.clocks?.acceptDue ?? null;

type Ability = keyof RegistrationDetail['abilities'];
/** Each registry decision (catalog.md ResourceRegistration lifecycle), in the order shown; the server's abilities decide which appear. */
const ACTIONS: {
  ability: Ability;
  action: RegistryAction;
  key: string;
  danger?: boolean;
  reasonRequired: boolean;
  deficiencies?: boolean;
}[] = [
  { ability: 'return', action: 'return', key: 'return', danger: true, reasonRequired: true, deficiencies: true },
  { ability: 'notAccept', action: 'not_accept', key: 'notAccept', danger: true, reasonRequired: true },
  { ability: 'reject', action: 'reject', key: 'reject', danger: true, reasonRequired: true },
  { ability: 'accept', action: 'accept', key: 'accept', reasonRequired: false },
  { ability: 'startReview', action: 'start_review', key: 'startReview', reasonRequired: false },
  { ability: 'postPublicity', action: 'post_publicity', key: 'postPublicity', reasonRequired: false },
];

/** The submitted registration as the registry sees it: materials, the frozen dossier, objections; decisions with reasons. */
function RegistrationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const g = useRegistration(id);
  const act = useRegistryAction();
  const [pending, setPending] = useState<(typeof ACTIONS)[number] | null>(null);
  const d = g.data;
  const decision: Decision | null =
    pending && d
      ? {
          title: t(`catalog.registry.${pending.key}`),
          okText: t(`catalog.registry.${pending.key}`),
          danger: pending.danger,
          reasonRequired: pending.reasonRequired,
          reasonLabel: t(pending.reasonRequired ? 'catalog.registry.reason' : 'catalog.registry.note'),
          deficiencies: pending.deficiencies,
          summary: t(`catalog.registry.confirm.${pending.key}`, { name: d.resourceName }),
        }
      : null;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={1000}
      loading={!!id && g.isLoading}
      title={d ? t('catalog.registry.dossierTitle', { name: d.resourceName }) : t('catalog.registry.title')}
      extra={
        d && (
          <Space wrap>
            {ACTIONS.filter((a) => d.abilities[a.ability]).map((a) => (
              <Button
                key={a.key}
                danger={a.danger}
                type={a.danger ? 'default' : 'primary'}
                onClick={() => {
                  act.reset();
                  setPending(a);
                }}
              >
                {t(`catalog.registry.${a.key}`)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {g.error ? (
        <QueryError error={g.error} />
      ) : (
        d && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions size="small" bordered column={2} title={t('catalog.registry.filing')}>
              <Descriptions.Item label={t('catalog.registry.colType')}>
                {t(`catalog.regType.${d.type}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.registry.colState')}>
                <Tag>{regStateLabel(t, d.state)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.registry.colSubmitted')}>
                {formatDateTime(d.submittedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.registry.colDue')}>{formatDateTime(due(d))}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.registry.colCode')}>{d.registrationCode ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.registry.snapshot')}>
                {d.dossier?.snapshot ? (
                  <Space direction="vertical" size={0}>
                    <span>
                      {t('catalog.registry.snapshotInfo', {
                        v: d.dossier.snapshot.version,
                        rows: d.dossier.snapshot.rows ?? 0,
                      })}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      SM3 {d.dossier.snapshot.sm3}
                    </Typography.Text>
                  </Space>
                ) : (
                  '-'
                )}
              </Descriptions.Item>
              {d.decision?.reasons && (
                <Descriptions.Item label={t('catalog.registry.lastReason')} span={2}>
                  {d.decision.reasons}
                </Descriptions.Item>
              )}
            </Descriptions>
            <List
              size="small"
              bordered
              header={
                <Typography.Text strong>{t('catalog.registry.materials', { n: d.materials.length })}</Typography.Text>
              }
              dataSource={d.materials}
              locale={{ emptyText: <Empty description={t('catalog.registry.noMaterials')} /> }}
              renderItem={(m, i) => (
                <List.Item
                  actions={
                    m.fileRef.startsWith('materials/')
                      ? [
                          <a
                            key="dl"
                            href={materialUrl(d.id, i)}
                            aria-label={`${t('catalog.registry.download')} ${materialLabel(t, m.kind)}`}
                          >
                            {t('catalog.registry.download')}
                          </a>,
                        ]
                      : []
                  }
                >
                  <Space direction="vertical" size={0}>
                    <Space>
                      <Tag color="blue">{materialLabel(t, m.kind)}</Tag>
                      <span>{m.fileRef.startsWith('materials/') ? t('catalog.registry.uploadedFile') : m.fileRef}</span>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.sm3Hash ? `SM3 ${m.sm3Hash}` : t('catalog.registry.noSm3')}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            {d.dossier ? (
              <Dossier r={{ ...d.dossier.resource }} fields={d.dossier.fields} />
            ) : (
              <Empty description={t('catalog.registry.noDossier')} />
            )}
            {d.objections.length > 0 && (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                title={() => <Typography.Text strong>{t('catalog.registry.objections')}</Typography.Text>}
                dataSource={d.objections}
                columns={[
                  { title: t('catalog.registry.objDescription'), dataIndex: 'description' },
                  {
                    title: t('catalog.registry.colState'),
                    dataIndex: 'state',
                    render: (v: string) => t(`catalog.objState.${v}`),
                  },
                  {
                    title: t('catalog.registry.colFiled'),
                    dataIndex: 'createdAt',
                    render: (v: string) => formatDateTime(v),
                  },
                ]}
              />
            )}
          </Space>
        )
      )}
      <DecisionModal
        decision={decision}
        onCancel={() => setPending(null)}
        pending={act.isPending}
        error={act.error}
        onOk={(v) =>
          pending &&
          d &&
          act.mutate(
            { id: d.id, action: pending.action, reason: v.reason, deficiencies: v.deficiencies },
            {
              onSuccess: () => {
                void message.success(t('catalog.detail.done')); // a toast: nothing waits for it to close
                setPending(null);
              },
            },
          )
        }
      />
    </Drawer>
  );
}

/** Registry desk: queues with their working-day deadlines; every decision is taken in the dossier drawer. */
export default function RegistryDeskPage() {
  const t = useT();
  const list = useRegistrations();
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.registry.title')}
        </Typography.Title>
      }
    >
      <Table<Registration>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        columns={[
          { title: t('catalog.registry.colResource'), dataIndex: 'resourceName' },
          { title: t('catalog.registry.colType'), dataIndex: 'type', render: (v: string) => t(`catalog.regType.${v}`) },
          {
            title: t('catalog.registry.colState'),
            dataIndex: 'state',
            render: (v: string) => <Tag>{regStateLabel(t, v)}</Tag>,
          },
          {
            title: t('catalog.registry.colSubmitted'),
            dataIndex: 'submittedAt',
            render: (v: string | null) => formatDate(v),
          },
          { title: t('catalog.registry.colDue'), render: (_, r) => formatDate(due(r)) },
          {
            title: t('catalog.registry.colCode'),
            dataIndex: 'registrationCode',
            render: (v: string | null) => v ?? '-',
          },
          {
            title: t('catalog.registry.colAction'),
            render: (_, r) => (
              <Button
                size="small"
                type="primary"
                aria-label={`${t('catalog.registry.open')} ${r.resourceName}`}
                onClick={() => setOpen(r.id)}
              >
                {t('catalog.registry.open')}
              </Button>
            ),
          },
        ]}
      />
      <RegistrationDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
