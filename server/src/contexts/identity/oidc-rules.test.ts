import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { LGN_06, type OidcLoginFacts } from './oidc-rules.js';

const profile = loadProfile('national-2025');
const ok: OidcLoginFacts = {
  linked: true,
  userActive: true,
  memberActive: true,
  orgInJurisdiction: true,
  orgClaimRequired: true,
  orgClaim: '91440400ma5d11223w ',
  orgUscc: '91440400MA5D11223W',
};
const code = (f: Partial<OidcLoginFacts>) => {
  const r = LGN_06.check({ ...ok, ...f }, profile);
  return r.ok ? 'ok' : r.code;
};

describe('LGN-06 rule (pure)', () => {
  it('passes a linked, active user of an org inside the IdP jurisdiction whose claim equals the USCC (trimmed, upper-cased)', () => {
    expect(code({})).toBe('ok');
    expect(code({ orgClaimRequired: false, orgClaim: null })).toBe('ok');
  });
  it("refuses an unlinked subject, an inactive user or membership, another region's org, a wrong or missing org claim", () => {
    expect(code({ linked: false })).toBe('OIDC_NOT_LINKED');
    expect(code({ userActive: false })).toBe('OIDC_USER_INACTIVE');
    expect(code({ memberActive: false })).toBe('OIDC_USER_INACTIVE');
    expect(code({ orgInJurisdiction: false })).toBe('OIDC_JURISDICTION_MISMATCH');
    expect(code({ orgClaim: '91440300MA5G8K2L3A' })).toBe('OIDC_ORG_MISMATCH');
    expect(code({ orgClaim: null })).toBe('OIDC_ORG_MISMATCH');
    expect(code({ orgUscc: null })).toBe('OIDC_ORG_MISMATCH');
  });
});
