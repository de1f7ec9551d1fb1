// The identity context's port: what other contexts (and the route-level tests) may call (style.md §1).
export { loadUserActor } from './usecases/actors.js';
export { assertScope, authenticateApiKey, scopeDenied, type ApiKeyAuth } from './usecases/apikeys.js';
export { assertDataAccess, dataAccessGaps } from './usecases/data-access.js';
export { listMembers } from './usecases/members.js';
export { getOrganization } from './usecases/organizations.js';
export {
  incidentsOfOrgSince,
  incidentWindowStart,
  provideIncidentHistory,
  type IncidentHistorySource,
  type OrgIncident,
} from './usecases/incident-history.js';
export {
  assertNotBanned,
  provideBanCheck,
  type BanCheckScope,
  type BanCheckSource,
  type BlockingBan,
} from './usecases/ban-check.js';
export { orgNames } from './usecases/org-names.js';
export { orgDirectory, type DirectoryEntry } from './usecases/org-directory.js';
export {
  labTrainings,
  recordTraining,
  type TrainingFact,
  type TrainingInput,
  type TrainingKind,
} from './usecases/trainings.js';
export { publicBodiesActingAs } from './usecases/public-bodies.js';
export { setOrgRectification } from './usecases/rectification.js';
export { resetLoginThrottle } from './usecases/sessions.js';
export { assertAllowed, orgSubject } from './policy.js';
export { jurisdictionByDivisionCode, jurisdictionDivisionCode } from './usecases/jurisdictions.js';
