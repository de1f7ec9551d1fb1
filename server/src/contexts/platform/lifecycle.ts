import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';

definePermissions({
  'profile.override': {
    kind: 'approve',
    roles: ['sys_admin'],
    actors: ['platform_admin'],
    relationships: ['platform'],
  },
  'profile.read': {
    kind: 'read',
    roles: ['sys_admin', 'security_admin', 'audit_admin', 'org_admin', 'reviewer'],
    actors: ['any'],
    relationships: ['any'],
  },
});

export interface OverrideFacts {
  known: boolean;
  sameType: boolean;
  key: string;
}

// architecture §5: a deployment may override a key of its profile; unknown keys and type changes are refused.
export const PROFILE_KEY_KNOWN = rule('PRF-01', (f: OverrideFacts) => {
  if (!f.known) return fail('PROFILE_KEY_UNKNOWN', { key: f.key }, 422);
  return f.sameType ? pass() : fail('PROFILE_VALUE_TYPE', { key: f.key }, 422);
});

/** A deployment override of one profile parameter; every change is an event (architecture §5). */
export const profileOverrideLifecycle = defineLifecycle({
  objectType: 'ProfileOverride',
  table: 'profile_override',
  states: ['active', 'withdrawn'],
  retentionClass: 'authorization_document',
  transitions: {
    set: {
      from: [NEW],
      to: 'active',
      permission: 'profile.override',
      rules: [PROFILE_KEY_KNOWN],
      eventType: 'profile.override_set',
    },
    withdraw: {
      from: ['active'],
      to: 'withdrawn',
      permission: 'profile.override',
      eventType: 'profile.override_withdrawn',
    },
  },
});
