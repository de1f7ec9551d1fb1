import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { CAT_07 } from '../catalog/publish-rules.js';

// identity.md pointer rules: the rule lives elsewhere; these tests pin identity's reading of it.

describe('IAM-11 sub-catalogue approval: IAM-10\'s owning jurisdiction is the approver CAT-07 names', () => {
  const path = ['national', 'province', 'city', 'district'];
  it('same (default): only the district\'s own authority approves its catalogue', () => {
    const p = loadProfile('zhuhai');
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['district'] }, p).ok).toBe(true);
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['city'] }, p).ok).toBe(false);
  });
  it('parent (sichuan): the parent\'s authority approves, the district\'s own does not', () => {
    const p = loadProfile('sichuan');
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['city'] }, p).ok).toBe(true);
    expect(CAT_07.check({ jurisdictionPath: path, actorAuthorityJurisdictions: ['district'] }, p)).toMatchObject({ ok: false, code: 'CATALOG_APPROVER_LEVEL' });
  });
});
