import { describe, expect, test } from 'vitest';
import zh from '../../locales/zh-CN/ledger';
import en from '../../locales/en-US/ledger';
import { format } from '../../i18n/merge';
import { eventLabel, objectTypeLabel, stateLabel } from './words';

const tOf = (table: Record<string, string>) => (k: string, p?: Record<string, unknown>) => format(table[k] ?? k, p);

describe('ledger events in words (issue 14)', () => {
  const t = tOf(zh);
  test('event types read as words, never as codes', () => {
    expect(eventLabel(t, 'auth.login', 'User')).toBe('登录');
    expect(eventLabel(t, 'DataResource.publish')).toBe('数据资源发布');
    expect(eventLabel(t, 'service.call', 'UsageRecord')).toBe('调用记录调用');
    expect(eventLabel(t, 'catalog_task.open', 'CatalogTask')).toBe('目录任务开启');
    expect(eventLabel(t, 'Grant.something_new')).toBe('授权变更');
  });
  test('states and object types', () => {
    expect(stateLabel(t, 'under_review')).toBe('审核中');
    expect(stateLabel(t, '(new)')).toBe('新建');
    expect(stateLabel(t, 'mystery_state')).toBe('其他状态');
    expect(objectTypeLabel(t, 'Nope')).toBe('业务对象');
  });
  test('the labs and market objects read in words, not 其他状态 (the lifecycles of issues 15–18)', () => {
    for (const s of ['commissioned', 'evaluating', 'concluded', 'shortlisted', 'rectifying', 'live', 'distributed'])
      expect(stateLabel(t, s)).not.toBe('其他状态');
    expect(stateLabel(t, 'evaluating')).toBe('评估中');
    expect(eventLabel(t, 'LabEvaluation.conclude')).toBe('实验室评估出具结论');
    expect(eventLabel(t, 'Settlement.distribute')).toBe('结算分配');
  });
  test('English under the switch', () => {
    const e = tOf(en);
    expect(eventLabel(e, 'ScenarioApplication.approve')).toBe('Scenario application: approve');
    expect(stateLabel(e, 'under_review')).toBe('under review');
  });
});
