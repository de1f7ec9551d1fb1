import { sql } from 'kysely';
import { ownTables, type Executor } from '../../kernel/db/tables.js';
import type { SandboxTables } from './store.js';
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
export { disposeWorkspacesOfGrants, type WorkspaceDisposal } from './usecases/wind-down.js';
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
// labs.md LAB-17: per-Grant job and egress counts for a lab's quarterly usage report (decision 0085).
export { grantUsageCounts, type GrantUsage } from './usecases/usage-port.js';
// labs.md LAB-33/LAB-34: the labs context supplies its check of a lab Grant's use (decision 0086).
export { provideLabGrantCheck, type LabGrantCheck, type LabGrantUse } from './usecases/lab-seam.js';
// labs.md LAB-35: the labs context says who reviews a lab EgressRequest and when its review is complete (decision 0100).
export {
  provideLabEgressReviews,
  type EgressReviewFacts,
  type EgressReviewPlan,
  type EgressReviewer,
  type LabEgressReviews,
} from './usecases/lab-seam.js';

/** One edge of the supervision desk's flow map (issue 16): data leaving a Workspace's org for a recipient. */
export interface EgressFlow {
  fromOrgId: string;
  toOrgId: string;
  egressIds: string[];
}

/**
 * Supervision's flow port: approved or released EgressRequests whose jurisdiction path meets `reach`, one edge per
 * requesting org and recipient. An empty reach reads nothing.
 */
export async function egressFlows(db: Executor, reach: readonly string[]): Promise<EgressFlow[]> {
  if (!reach.length) return [];
  const rows = await ownTables<SandboxTables>(db)
    .selectFrom('sandbox_egress_request')
    .select(['requester_org_id', 'recipient_org_id', sql<string[]>`array_agg(id ORDER BY created_at)`.as('ids')])
    .where('state', 'in', ['approved', 'released'])
    .where(sql<boolean>`jurisdiction_path ?| ${sql.val([...reach])}::text[]`)
    .groupBy(['requester_org_id', 'recipient_org_id'])
    .execute();
  return rows.map((r) => ({ fromOrgId: r.requester_org_id, toOrgId: r.recipient_org_id, egressIds: r.ids }));
}
