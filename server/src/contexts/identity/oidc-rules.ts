import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import { normalizeUscc } from './codes.js';

/** What the SSO callback knows once the ID token is verified (LGN-06). */
export interface OidcLoginFacts {
  /** An active (issuer, sub) link to an existing user and org. */
  linked: boolean;
  userActive: boolean;
  memberActive: boolean;
  /** The linked org lies in the IdP's jurisdiction subtree. */
  orgInJurisdiction: boolean;
  /** The IdP is configured with an org-code claim. */
  orgClaimRequired: boolean;
  orgClaim: string | null;
  orgUscc: string | null;
}

// LGN-06 (design; 001:L112): users are matched on (issuer, sub) only through a link made while
// logged in or pre-bound by org_admin; nothing is auto-created; an org-code claim must equal the
// org's USCC; an IdP logs nobody into an org outside its jurisdiction.
export const LGN_06 = rule('LGN-06', (f: OidcLoginFacts) => {
  if (!f.linked) return fail('OIDC_NOT_LINKED', {}, 403);
  if (!f.userActive || !f.memberActive) return fail('OIDC_USER_INACTIVE', {}, 403);
  if (!f.orgInJurisdiction) return fail('OIDC_JURISDICTION_MISMATCH', {}, 403);
  if (f.orgClaimRequired && (!f.orgClaim || !f.orgUscc || normalizeUscc(f.orgClaim) !== f.orgUscc))
    return fail('OIDC_ORG_MISMATCH', {}, 403);
  return pass();
});
