import './messages.js';
import './lifecycle.js';
import { followGrants } from '../authorization/service.js';
import { followGrant } from './usecases/grant-follower.js';

// Grant transitions reach the sandbox in their own transaction (decision 0062).
followGrants('sandbox', followGrant);

// The sandbox context's published API (architecture.md §6).
export {
  provisionWorkspace,
  listWorkspaces,
  loadWorkspace,
  syncWorkspacesWithGrants,
  workspaceSubject,
} from './usecases/workspaces.js';
export { destroyWorkspace } from './usecases/destruction.js';
export { submitJob, getJobFor, listJobsFor, readPreview } from './usecases/jobs.js';
export { presentWorkspace, resultName } from './present.js';
export {
  requestEgress,
  reviewEgress,
  downloadRelease,
  getEgressFor,
  listEgress,
  expireReleases,
} from './usecases/egress.js';
export {
  proposeService,
  approveService,
  activateService,
  listServicesFor,
  getServiceFor,
  callService,
  warmServices,
} from './data-services/templates.js';
export type { MountedView } from './engine/instance.js';
