import { describe, expect, test } from 'vitest';
import type { LabItem } from './api';
import { labAuthorityTodos } from './todos';

const lab = (id: string, state: string, revocationPromptedOn: string | null) =>
  ({ id, labNo: `LAB-${id}`, name: '交通实验室', initiator: '交通运输局', state, revocationPromptedOn }) as LabItem;

describe('labs to-dos (labs.md clocks: partner change)', () => {
  test('the authority decides on revocation once the partner-change clock has prompted it, not before', () => {
    const todos = labAuthorityTodos({
      applications: [],
      agreements: {},
      labs: [lab('a', 'partner_change_pending', '2028-05-21'), lab('b', 'partner_change_pending', null)],
    });
    expect(todos.map((t) => [t.key, t.kind, t.href])).toEqual([['labrevoke:a', 'decideLabRevocation', '/labs/a']]);
  });
});
