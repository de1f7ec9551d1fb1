import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';

// The minimal products-market.md records data services rest on; full rules come with the market issue.
definePermissions({
  'product.read': {
    kind: 'read',
    roles: ['org_admin', 'developer', 'member', 'reviewer', 'auditor'],
    actors: ['any'],
    relationships: ['owner', 'party_to', 'ancestor_of'],
  },
  'product.system': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

export const productLifecycle = defineLifecycle({
  objectType: 'DataProduct',
  table: 'data_product',
  retentionClass: 'business',
  states: ['draft', 'in_review', 'rejected', 'approved', 'registered', 'active', 'suspended', 'retired'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'product.system' },
    suspend: { from: ['active'], to: 'suspended', permission: 'product.system' },
    resume: { from: ['suspended'], to: 'active', permission: 'product.system' },
    retire: {
      from: ['draft', 'approved', 'registered', 'active', 'suspended'],
      to: 'retired',
      permission: 'product.system',
    },
  },
});

export const orderLifecycle = defineLifecycle({
  objectType: 'Order',
  table: 'product_order',
  retentionClass: 'trading',
  states: [
    'draft',
    'submitted',
    'venue_review',
    'contracted',
    'delivering',
    'completed',
    'rejected',
    'cancelled',
    'disputed',
  ],
  transitions: {
    complete: { from: ['delivering'], to: 'completed', permission: 'product.system' },
    cancel: { from: ['draft', 'submitted', 'venue_review'], to: 'cancelled', permission: 'product.system' },
  },
});

export const contractLifecycle = defineLifecycle({
  objectType: 'Contract',
  table: 'contract',
  retentionClass: 'trading',
  states: ['draft', 'active', 'suspended', 'ended', 'terminated'],
  transitions: {
    suspend: { from: ['active'], to: 'suspended', permission: 'product.system' },
    resume: { from: ['suspended'], to: 'active', permission: 'product.system' },
    end: { from: ['active', 'suspended'], to: 'ended', permission: 'product.system' },
  },
});
