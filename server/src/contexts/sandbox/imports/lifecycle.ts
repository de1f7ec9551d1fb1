import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { SBX_11 } from './rules.js';

// sandbox.md "Actors": the operator (and a collaborator in its own Workspace) imports its own non-public data.
definePermissions({
  'sandbox_import.create': {
    kind: 'write',
    roles: ['developer', 'org_admin'],
    actors: ['operator', 'collaborator', 'lab_partner'],
    relationships: ['owner'],
    operating: true,
  },
  'sandbox_import.system': { roles: ['system'], actors: ['system'], relationships: ['any'], kind: 'write' },
});

/** An import (入域, SBX-11): mounted in its one Workspace until the Workspace is destroyed (SBX-14). */
export const importLifecycle = defineLifecycle({
  objectType: 'WorkspaceImport',
  table: 'sandbox_import',
  retentionClass: 'sandbox_log',
  states: ['active', 'destroyed'],
  transitions: {
    import: {
      from: [NEW],
      to: 'active',
      permission: 'sandbox_import.create',
      rules: [SBX_11],
      eventType: 'workspace.import',
    },
    destroy: {
      from: ['active'],
      to: 'destroyed',
      permission: 'sandbox_import.system',
      eventType: 'workspace.import_destroy',
    },
  },
});
