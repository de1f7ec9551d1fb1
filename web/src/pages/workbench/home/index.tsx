import { Link } from 'react-router-dom';
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { actorLabel } from '../../identity/labels';
import { menuGroups, PAGES } from '../../pages';
import { pageAllowed } from '../../types';
import {
  useAuthorityTodos,
  useLabEgressTodos,
  useOperatorTodos,
  useSourceUnitTodos,
  useWorkbenchKeys,
  useWorkbenchUsage,
  useWorkbenchWorkspaces,
} from '../api';
import { authorityTodos, clockLevel, egressReviewTodos, operatorTodos, sourceUnitTodos, type Todo } from '../todos';
import { useLabTodoSources } from '../../labs/api';
import { labAuthorityTodos, labPartyTodos } from '../../labs/todos';
import { TodoTable } from './components/TodoTable';
import { OperatorPanels } from './components/OperatorPanels';
import { BuyerPanels } from './components/BuyerPanels';

const WORKSPACE_ACTORS = ['operator', 'collaborator', 'lab_partner'];

/** 工作台: what waits for this person, by the roles /me reports, with the clocks running on each item. */
export default function WorkbenchPage() {
  const t = useT();
  const { me, facts } = useSession();
  const is = (a: string) => facts.actors.includes(a);
  const authority = useAuthorityTodos(is('authority'));
  const source = useSourceUnitTodos(is('source_unit'));
  const operator = useOperatorTodos(is('operator'));
  const labParty = is('lab_initiator') || is('lab_partner');
  const labs = useLabTodoSources(is('authority') || labParty);
  // LAB-35: the lab initiator's security officer reviews its labs' egress requests first.
  const labEgress = useLabEgressTodos(is('lab_initiator') && me.roles.includes('security_officer'));
  const hasWorkspaces = WORKSPACE_ACTORS.some(is);
  const workspaces = useWorkbenchWorkspaces(hasWorkspaces);
  const isBuyer = is('buyer');
  const usage = useWorkbenchUsage(isBuyer);
  const keys = useWorkbenchKeys(me.org.id, isBuyer && me.roles.includes('org_admin'));

  const todos: Todo[] = [
    ...(is('authority') ? authorityTodos(authority) : []),
    ...(is('source_unit') ? sourceUnitTodos(source, me.org.id) : []),
    ...(is('operator') ? operatorTodos(operator) : []),
    ...(is('authority') ? labAuthorityTodos(labs) : []),
    ...(labParty ? labPartyTodos(labs) : []),
    ...egressReviewTodos(labEgress.data ?? []),
  ];
  const loading =
    authority.pending ||
    source.pending ||
    operator.pending ||
    labs.pending ||
    (labEgress.isPending && labEgress.fetchStatus !== 'idle');
  const error = authority.error ?? source.error ?? operator.error ?? labs.error ?? labEgress.error;
  const overdue = todos.filter((x) => clockLevel(x.dueAt).level === 'overdue').length;
  const soon = todos.filter((x) => clockLevel(x.dueAt).level === 'soon').length;
  const hasTodoRole = ['authority', 'source_unit', 'operator', 'lab_initiator', 'lab_partner'].some(is);

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('workbench.home.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          {t('workbench.home.welcome', { name: me.user.realName || me.user.loginName })} · {me.org.nameZh}
        </Typography.Text>
        {facts.actors.map((a) => (
          <Tag key={a} color="blue">
            {actorLabel(t, a)}
          </Tag>
        ))}
      </Space>
      {error && <QueryError error={error} />}
      <Row gutter={[16, 16]}>
        {hasTodoRole && (
          <>
            <Col xs={8}>
              <Card>
                <Statistic title={t('workbench.home.todoCount')} value={todos.length} loading={loading} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card>
                <Statistic
                  title={t('workbench.home.overdue')}
                  value={overdue}
                  loading={loading}
                  valueStyle={overdue ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
            <Col xs={8}>
              <Card>
                <Statistic
                  title={t('workbench.home.soon')}
                  value={soon}
                  loading={loading}
                  valueStyle={soon ? { color: '#ad4e00' } : undefined}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <TodoTable title={t('workbench.home.todos')} todos={todos} loading={loading} />
            </Col>
          </>
        )}
        {hasWorkspaces && (
          <Col xs={24}>
            <OperatorPanels workspaces={workspaces.data?.items ?? []} loading={workspaces.isPending} />
          </Col>
        )}
        {isBuyer && (
          <Col xs={24}>
            <BuyerPanels usage={usage.data} keys={keys.data?.items ?? []} loading={usage.isPending} />
          </Col>
        )}
        <Col xs={24}>
          <QuickLinks />
        </Col>
      </Row>
    </div>
  );
}

/** The menu entries this person may use, as shortcuts (the same gating as the left menu). */
function QuickLinks() {
  const t = useT();
  const { facts } = useSession();
  const groups = menuGroups(PAGES.filter((p) => pageAllowed(p, facts))).filter((g) => g.group !== 'workbench');
  return (
    <Card title={t('workbench.home.shortcuts')}>
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        {groups.map((g) => (
          <Space key={g.group} wrap>
            <Typography.Text type="secondary" style={{ display: 'inline-block', minWidth: 96 }}>
              {t(`app.menu.group.${g.group}`)}
            </Typography.Text>
            {g.items.map((p) => (
              <Link key={p.path} to={p.path}>
                {t(p.menuKey!)}
              </Link>
            ))}
          </Space>
        ))}
      </Space>
    </Card>
  );
}
