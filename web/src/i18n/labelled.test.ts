import { describe, expect, it } from 'vitest';
import type { OrgRole } from '../pages/identity/api';
import type { TFunction } from './I18nProvider';
import { allOf, labelsFor } from './labelled';

// Issue 13: the web's labels and lists follow the server's enums. The @ts-expect-error lines are the negative cases:
// `tsc -p web` fails if a missing label or a missing list member ever compiles.
const t: TFunction = (key) => (key === 'x.a' ? 'A' : key);

describe('labelsFor / allOf (issue 13)', () => {
  it('labels a value by its key, and shows an unknown value as it is', () => {
    const label = labelsFor<OrgRole>()('identity.role.name.');
    expect(label((k) => `<${k}>`, 'org_admin')).toBe('<identity.role.name.org_admin>');
    const raw = labelsFor<never>()('x.');
    expect(raw(t, 'a')).toBe('A');
    expect(raw(t, 'zzz')).toBe('zzz');
  });
  it('does not compile for an enum member without a label', () => {
    // @ts-expect-error 'identity.role.name.astronaut' has no label
    labelsFor<OrgRole | 'astronaut'>()('identity.role.name.');
  });
  it('lists every member, and does not compile when one is left out', () => {
    expect(allOf<'a' | 'b'>()('b', 'a')).toEqual(['b', 'a']);
    // @ts-expect-error 'b' is missing
    allOf<'a' | 'b'>()('a');
  });
});
