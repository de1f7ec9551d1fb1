import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { ORG_ROLES } from './model.js';
import {
  IAM_ORG_DEACTIVATE,
  IAM_ORG_REASON,
  LGN_02,
  LGN_07,
  LGN_07_ID,
  IAM_01,
  IAM_02,
  IAM_03,
  IAM_04,
  IAM_05,
  IAM_06,
  IAM_07,
  IAM_09,
  IAM_14,
  IAM_14_FOUR_EYES,
  IAM_14_ONE_PENDING,
  IAM_14_LAST_HOLDER,
  IAM_14_REASON,
  IAM_14_SEPARATION,
  IAM_14_VIA_REQUEST,
  NATURAL_PERSON_ROLES,
  ORG_ROLE_ALLOWED,
  PER_01,
  PER_05,
  PER_06,
  PER_06_MEMBERS,
  PER_OFFICER,
} from './rules.js';

// identity.md permissions (role × actor type × relationship); state lives in the lifecycles.
definePermissions({
  'org.read': {
    kind: 'read',
    roles: [
      'org_admin',
      'reviewer',
      'member',
      'auditor',
      'security_officer',
      'catalog_manager',
      'developer',
      'signatory',
      'compliance_officer',
      'sys_admin',
      'security_admin',
    ],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of', 'platform'],
  },
  'org.create': {
    kind: 'write',
    roles: ['org_admin', 'reviewer', 'sys_admin'],
    actors: ['authority', 'platform_admin'],
    relationships: ['authority_of', 'platform'],
  },
  'org.verify': {
    kind: 'approve',
    roles: ['reviewer', 'security_admin'],
    actors: ['authority', 'platform_admin'],
    relationships: ['authority_of', 'platform'],
    selfForbidden: true,
  },
  'org.suspend': {
    kind: 'approve',
    roles: ['reviewer', 'org_admin', 'security_admin'],
    actors: ['authority', 'platform_admin'],
    relationships: ['authority_of', 'platform'],
  },
  // identity.md: only platform_admin deactivates; IAM-14 gives it to sys_admin, who also restores a wrong deactivation (decision 0059).
  // IAM-15: the authority that orders a rectification (or supervision's job) flags the org; its state does not move.
  'org.rectification': {
    kind: 'write',
    roles: ['reviewer', 'org_admin', 'system'],
    actors: ['authority', 'system'],
    relationships: ['authority_of'],
  },
  'org.deactivate': { kind: 'approve', roles: ['sys_admin'], actors: ['platform_admin'], relationships: ['platform'] },
  'role.grant': {
    kind: 'approve',
    roles: ['org_admin', 'reviewer', 'sys_admin', 'security_admin'],
    actors: ['authority', 'platform_admin', 'operator', 'exchange'],
    relationships: ['authority_of', 'platform', 'party_to'],
    selfForbidden: true,
  },
  'role.suspend': {
    kind: 'approve',
    roles: ['org_admin', 'reviewer', 'security_admin'],
    actors: ['authority', 'platform_admin', 'system'],
    relationships: ['authority_of', 'platform'],
  },
  'member.manage': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['any'],
    relationships: ['owner'],
    selfForbidden: true,
  },
  // IAM-14: sys_admin manages the platform org's accounts (relationship owner: its own members only).
  'member.read': {
    kind: 'read',
    roles: [
      'org_admin',
      'member',
      'reviewer',
      'auditor',
      'security_officer',
      'signatory',
      'catalog_manager',
      'developer',
      'compliance_officer',
      'sys_admin',
    ],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of'],
  },
  'apikey.manage': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['buyer', 'operator', 'exchange'],
    relationships: ['owner'],
  },
  'apikey.read': {
    kind: 'read',
    roles: ['org_admin', 'member', 'developer', 'auditor'],
    actors: ['any'],
    relationships: ['owner'],
  },
  'audit.read': {
    kind: 'read',
    roles: ['auditor', 'audit_admin', 'org_admin'],
    actors: ['any'],
    relationships: ['owner', 'ancestor_of', 'platform'],
  },
  // IAM-14: platform roles — a sys_admin asks, a security_admin (never the asker, never the target) decides; all three read.
  'platform_role.read': {
    kind: 'read',
    roles: ['sys_admin', 'security_admin', 'audit_admin'],
    actors: ['platform_admin'],
    relationships: ['owner'],
  },
  'platform_role.request': {
    kind: 'write',
    roles: ['sys_admin'],
    actors: ['platform_admin'],
    relationships: ['owner'],
    selfForbidden: true,
  },
  'platform_role.decide': {
    kind: 'approve',
    roles: ['security_admin'],
    actors: ['platform_admin'],
    relationships: ['owner'],
    selfForbidden: true,
  },
  'user.lock': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'user.manage': {
    kind: 'write',
    roles: ['org_admin'],
    actors: ['any'],
    relationships: ['owner'],
    selfForbidden: true,
  },
  'user.accept_invitation': { kind: 'write', roles: [], actors: ['public'], relationships: ['any'] },
  'user.change_password': { kind: 'write', roles: [...ORG_ROLES], actors: ['any'], relationships: ['self'] },
});

/** identity.md Organization lifecycle. */
export const organizationLifecycle = defineLifecycle({
  objectType: 'Organization',
  table: 'organization',
  states: ['pending_verification', 'active', 'suspended', 'deactivated', 'merged'],
  retentionClass: 'registration',
  transitions: {
    create: {
      from: [NEW],
      to: 'pending_verification',
      permission: 'org.create',
      rules: [IAM_01, IAM_02, IAM_03],
      eventType: 'org.create',
    },
    verify: { from: ['pending_verification'], to: 'active', permission: 'org.verify', eventType: 'org.verify' },
    suspend: { from: ['active'], to: 'suspended', permission: 'org.suspend', eventType: 'org.suspend' },
    reactivate: { from: ['suspended'], to: 'active', permission: 'org.suspend', eventType: 'org.reactivate' },
    deactivate: {
      from: ['active', 'suspended'],
      to: 'deactivated',
      permission: 'org.deactivate',
      rules: [IAM_ORG_REASON, IAM_ORG_DEACTIVATE],
      eventType: 'org.deactivate',
    },
    restore: {
      from: ['deactivated'],
      to: 'active',
      permission: 'org.deactivate',
      rules: [IAM_ORG_REASON],
      eventType: 'org.restore',
    },
    order_rectification: {
      from: ['active'],
      to: 'active',
      permission: 'org.rectification',
      eventType: 'org.rectification_ordered',
    },
    order_rectification_suspended: {
      from: ['suspended'],
      to: 'suspended',
      permission: 'org.rectification',
      eventType: 'org.rectification_ordered',
    },
    lift_rectification: {
      from: ['active'],
      to: 'active',
      permission: 'org.rectification',
      eventType: 'org.rectification_lifted',
    },
    lift_rectification_suspended: {
      from: ['suspended'],
      to: 'suspended',
      permission: 'org.rectification',
      eventType: 'org.rectification_lifted',
    },
  },
});

/** identity.md OrgActorRole lifecycle. */
export const actorRoleLifecycle = defineLifecycle({
  objectType: 'OrgActorRole',
  table: 'org_actor_role',
  states: ['active', 'suspended', 'ended'],
  retentionClass: 'authorization_document',
  transitions: {
    grant: {
      from: [NEW],
      to: 'active',
      permission: 'role.grant',
      rules: [IAM_04, IAM_06, IAM_07, IAM_09, NATURAL_PERSON_ROLES, PER_01, PER_05, PER_06, IAM_05],
      eventType: 'role.grant',
    },
    suspend: { from: ['active'], to: 'suspended', permission: 'role.suspend', eventType: 'role.suspend' },
    restore: { from: ['suspended'], to: 'active', permission: 'role.suspend', eventType: 'role.restore' },
    end: { from: ['active', 'suspended'], to: 'ended', permission: 'role.suspend', eventType: 'role.end' },
  },
});

/** identity.md Membership: roles change through `set_roles` (IAM-14, PER-01). */
export const membershipLifecycle = defineLifecycle({
  objectType: 'Membership',
  table: 'membership',
  states: ['invited', 'active', 'disabled'],
  retentionClass: 'authorization_document',
  transitions: {
    add: {
      from: [NEW],
      to: 'active',
      permission: 'member.manage',
      rules: [ORG_ROLE_ALLOWED],
      eventType: 'membership.add',
    },
    invite: {
      from: [NEW],
      to: 'invited',
      permission: 'member.manage',
      rules: [ORG_ROLE_ALLOWED],
      eventType: 'membership.invite',
    },
    accept: { from: ['invited'], to: 'active', permission: 'user.accept_invitation', eventType: 'membership.accept' },
    set_roles: {
      from: ['active', 'invited'],
      to: 'active',
      permission: 'member.manage',
      rules: [IAM_14, IAM_14_VIA_REQUEST, ORG_ROLE_ALLOWED, PER_OFFICER, LGN_07, PER_06_MEMBERS],
      eventType: 'membership.set_roles',
    },
    // IAM-14: an approved PlatformRoleRequest applies its change, in the approval's transaction.
    set_platform_roles: {
      from: ['active'],
      to: 'active',
      permission: 'platform_role.decide',
      eventType: 'membership.set_platform_roles',
    },
    // PER-06: org_admin records a member's senior-management position (never their own).
    set_position: { from: ['active'], to: 'active', permission: 'member.manage', eventType: 'membership.set_position' },
    // PER-06: the exchange grant appoints its compliance officer in the same transaction.
    appoint_compliance_officer: {
      from: ['active'],
      to: 'active',
      permission: 'role.grant',
      eventType: 'membership.appoint_compliance_officer',
    },
    disable: {
      from: ['active', 'invited'],
      to: 'disabled',
      permission: 'member.manage',
      eventType: 'membership.disable',
    },
    // identity.md: deactivating an org disables its memberships; restoring it re-enables exactly those.
    disable_with_org: {
      from: ['active'],
      to: 'disabled',
      permission: 'org.deactivate',
      eventType: 'membership.disable_with_org',
    },
    restore_with_org: {
      from: ['disabled'],
      to: 'active',
      permission: 'org.deactivate',
      eventType: 'membership.restore_with_org',
    },
  },
});

/** identity.md User lifecycle (lock and unlock are the system's, LGN-03). */
export const userLifecycle = defineLifecycle({
  objectType: 'User',
  table: 'app_user',
  log: 'audit',
  states: ['invited', 'active', 'locked', 'password_expired', 'disabled'],
  retentionClass: 'access_log',
  transitions: {
    invite: { from: [NEW], to: 'invited', permission: 'member.manage', eventType: 'user.invite' },
    accept_invitation: {
      from: ['invited'],
      to: 'active',
      permission: 'user.accept_invitation',
      rules: [LGN_02],
      eventType: 'user.accept_invitation',
    },
    change_password: {
      from: ['active', 'password_expired'],
      to: 'active',
      permission: 'user.change_password',
      rules: [LGN_02],
      eventType: 'auth.password_changed',
    },
    lock: { from: ['active'], to: 'locked', permission: 'user.lock', eventType: 'auth.locked' },
    unlock: { from: ['locked'], to: 'active', permission: 'user.lock', eventType: 'auth.unlocked' },
    disable: {
      from: ['invited', 'active', 'locked', 'password_expired'],
      to: 'disabled',
      permission: 'user.manage',
      eventType: 'user.disable',
    },
    // LGN-07: org_admin records the real-name check (ID number and mobile verified in person); never one's own.
    verify_identity: {
      from: ['active'],
      to: 'active',
      permission: 'user.manage',
      rules: [LGN_07_ID],
      eventType: 'user.identity_verified',
    },
  },
});

/** identity.md ApiKey lifecycle. */
export const apiKeyLifecycle = defineLifecycle({
  objectType: 'ApiKey',
  table: 'api_key',
  log: 'audit',
  states: ['active', 'rotating', 'revoked', 'expired', 'suspended'],
  retentionClass: 'access_log',
  transitions: {
    create: { from: [NEW], to: 'active', permission: 'apikey.manage', eventType: 'apikey.create' },
    revoke: {
      from: ['active', 'rotating', 'suspended'],
      to: 'revoked',
      permission: 'apikey.manage',
      eventType: 'apikey.revoke',
    },
    auto_revoke: {
      from: ['active', 'rotating'],
      to: 'revoked',
      permission: 'user.lock',
      eventType: 'apikey.auto_revoke',
    },
    expire: { from: ['active', 'rotating'], to: 'expired', permission: 'user.lock', eventType: 'apikey.expire' },
  },
});

/** IAM-14 PlatformRoleRequest: a sys_admin asks, a security_admin approves (applying it) or rejects; the asker may withdraw. */
export const platformRoleRequestLifecycle = defineLifecycle({
  objectType: 'PlatformRoleRequest',
  table: 'platform_role_request',
  states: ['requested', 'approved', 'rejected', 'withdrawn'],
  retentionClass: 'authorization_document',
  transitions: {
    request: {
      from: [NEW],
      to: 'requested',
      permission: 'platform_role.request',
      rules: [IAM_14_FOUR_EYES, IAM_14_REASON, IAM_14_ONE_PENDING, IAM_14_SEPARATION, IAM_14_LAST_HOLDER],
      eventType: 'platform_role.request',
    },
    approve: {
      from: ['requested'],
      to: 'approved',
      permission: 'platform_role.decide',
      rules: [IAM_14_FOUR_EYES, IAM_14_REASON, IAM_14_SEPARATION, IAM_14_LAST_HOLDER],
      eventType: 'platform_role.approve',
    },
    reject: {
      from: ['requested'],
      to: 'rejected',
      permission: 'platform_role.decide',
      rules: [IAM_14_FOUR_EYES, IAM_14_REASON],
      eventType: 'platform_role.reject',
    },
    withdraw: {
      from: ['requested'],
      to: 'withdrawn',
      permission: 'platform_role.request',
      eventType: 'platform_role.withdraw',
    },
  },
});
