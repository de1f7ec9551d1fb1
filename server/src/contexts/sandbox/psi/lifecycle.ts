import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { PSI_01, PSI_04 } from './rules.js';

// sandbox.md "Actors": a buyer runs PSI sessions under its own Contract; the system closes and expires them.
definePermissions({
  'psi.run': {
    kind: 'write',
    roles: ['org_admin', 'member', 'developer'],
    actors: ['buyer'],
    relationships: ['owner'],
  },
  'psi.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

/** A PSI session (sandbox.md: a Job of kind psi): each transition writes an event and a LedgerEntry (PSI-05). */
export const psiSessionLifecycle = defineLifecycle({
  objectType: 'PsiSession',
  table: 'psi_session',
  retentionClass: 'sandbox_log',
  states: ['open', 'closed', 'refused', 'expired'],
  transitions: {
    open: { from: [NEW], to: 'open', permission: 'psi.run', rules: [PSI_01, PSI_04], eventType: 'psi.open' },
    // PSI-04: the complete list turned out too close to an earlier one; the key is destroyed, nothing is answered.
    refuse: { from: ['open'], to: 'refused', permission: 'psi.run', eventType: 'psi.refuse' },
    close: { from: ['open'], to: 'closed', permission: 'psi.run', eventType: 'psi.close' },
    // sandbox.md clocks: a session lives 24 hours (psi.sessionHours); a restart also ends it (the key was in memory).
    expire: { from: ['open'], to: 'expired', permission: 'psi.system', eventType: 'psi.expire' },
  },
});
