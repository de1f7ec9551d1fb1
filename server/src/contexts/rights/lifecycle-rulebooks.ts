import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { RA_20 } from './rules/rulebook.js';

/** RA-20 permissions: the registry drafts and files; the authority it names approves or returns. */
definePermissions({
  'rights.rulebook': { roles: ['org_admin'], actors: ['registry'], relationships: ['owner'], kind: 'write' },
  'rights.rulebook.decide': {
    roles: ['org_admin', 'reviewer'],
    actors: ['authority'],
    relationships: ['grantee_of'],
    kind: 'approve',
  },
});

/**
 * RegistryRulebook (decision 0083): draft → published by filing (备案), or draft → submitted → published by the
 * authority's approval; a newer published version makes the older one `superseded` (still public).
 */
export const rulebookLifecycle = defineLifecycle({
  objectType: 'RegistryRulebook',
  table: 'rights_rulebook',
  retentionClass: 'registration',
  states: ['draft', 'submitted', 'published', 'rejected', 'superseded'],
  transitions: {
    draft: { from: [NEW], to: 'draft', permission: 'rights.rulebook' },
    file: { from: ['draft'], to: 'published', permission: 'rights.rulebook', rules: [RA_20] },
    submit: { from: ['draft'], to: 'submitted', permission: 'rights.rulebook', rules: [RA_20] },
    approve: { from: ['submitted'], to: 'published', permission: 'rights.rulebook.decide' },
    reject: { from: ['submitted'], to: 'rejected', permission: 'rights.rulebook.decide' },
    supersede: { from: ['published'], to: 'superseded', permission: 'rights.system' },
  },
});
