import { describe, expect, test } from 'vitest';
import type { ApplicationRow, GrantRow } from './api';
import { authorityTodos, byClock, clockLevel, operatorTodos, sourceUnitTodos } from './todos';

const now = new Date('2026-12-06T04:00:00Z');
const app = (id: string, state: string, reviewDueAt: string | null = null): ApplicationRow => ({
  id,
  applicationNo: `SA-${id}`,
  state,
  applicantName: '运营',
  scenario: { title: '场景' },
  reviewDueAt,
  consentDueAt: null,
  submittedAt: null,
});
const grant = (id: string, state: string, validTo: string, planDueAt: string | null = null): GrantRow => ({
  id,
  grantNo: `GR-${id}`,
  state,
  holderName: null,
  purpose: { scenario: { title: '场景' } },
  validFrom: '2026-01-01',
  validTo,
  planDueAt,
});

describe('workbench to-dos (issue 14 "A workbench per role")', () => {
  test('the authority: applications under review, registrations to accept, egress to review, grants about to expire', () => {
    const todos = authorityTodos(
      {
        submitted: [],
        underReview: [app('a', 'under_review', '2026-12-08T15:59:59Z')],
        registrations: [
          {
            id: 'r',
            resourceName: '企业登记信息',
            state: 'submitted',
            type: 'first',
            clocks: { acceptDue: '2026-12-05T15:59:59Z' },
            submittedAt: null,
          },
        ],
        egress: [
          {
            id: 'e',
            status: 'awaiting_review',
            outputKind: 'aggregate',
            declaredUse: 'client_delivery',
            reviewDueAt: null,
            createdAt: '',
            awaitingReviewBy: 'authority',
          },
        ],
        grants: [
          grant('soon', 'active', '2027-01-31'),
          grant('late', 'active', '2027-12-31'),
          grant('gone', 'revoked', '2026-12-31'),
        ],
        classified: [],
      },
      now,
    );
    expect(todos.map((t) => t.key)).toEqual(['app:a', 'reg:r', 'egr:e', 'grant:soon']);
    // An egress to-do reads as its declared use's label, never the code itself.
    expect(todos.find((t) => t.key === 'egr:e')).toMatchObject({
      title: '',
      titleKey: 'sandbox.egress.use.client_delivery',
    });
    expect(byClock(todos).map((t) => t.key)).toEqual(['reg:r', 'app:a', 'grant:soon', 'egr:e']);
  });
  test('the source unit: only requested consents and only its own draft resources', () => {
    const todos = sourceUnitTodos(
      {
        consents: [
          { id: 'c1', applicationId: 'a', applicationNo: 'SQ-1', state: 'requested', dueAt: null },
          { id: 'c2', applicationId: 'b', applicationNo: 'SQ-2', state: 'decided', dueAt: null },
        ],
        drafts: [
          { id: 'mine', nameZh: '甲', state: 'draft', sourceUnitId: 'org1', updatedAt: '' },
          { id: 'other', nameZh: '乙', state: 'draft', sourceUnitId: 'org2', updatedAt: '' },
        ],
      },
      'org1',
    );
    expect(todos.map((t) => t.key)).toEqual(['consent:c1', 'grade:mine']);
    const more = sourceUnitTodos(
      {
        consents: [],
        drafts: [],
        changeRequests: [
          {
            id: 'cr',
            type: 'modify',
            state: 'pending_consent',
            resource_name: '道路运输经营许可信息',
            target_resource_id: 'r1',
            created_at: '',
          },
        ],
        tasks: [
          { id: 'k', kind: 'rectification', ruleId: 'CAT-06', resourceId: 'r2', dueAt: '2026-12-18', state: 'open' },
          { id: 'z', kind: 'new_kind', ruleId: 'CAT-99', resourceId: null, dueAt: null, state: 'open' },
        ],
      },
      'org1',
    );
    expect(more.map((t) => [t.kind, t.titleKey ?? t.title])).toEqual([
      ['consentChange', '道路运输经营许可信息'],
      ['catalogTask', 'workbench.task.rectification'],
      ['catalogTask', 'workbench.task.other'],
    ]);
  });
  test('the operator: returned and draft applications, grants waiting for a plan', () => {
    const todos = operatorTodos({
      applications: [app('r', 'returned'), app('d', 'draft'), app('ok', 'approved')],
      grants: [grant('p', 'pending_plan', '2027-12-31', '2026-12-20')],
      egress: [],
    });
    expect(todos.map((t) => t.kind)).toEqual(['returnedApplication', 'draftApplication', 'filePlan']);
  });
  test('clock levels', () => {
    expect(clockLevel('2026-12-05T15:59:59Z', now)).toEqual({ level: 'overdue', days: -1 });
    expect(clockLevel('2026-12-08', now)).toEqual({ level: 'soon', days: 2 });
    expect(clockLevel('2027-01-08', now).level).toBe('ok');
    expect(clockLevel(null, now)).toEqual({ level: 'none', days: null });
  });
});
