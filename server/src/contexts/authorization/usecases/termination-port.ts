import type { Executor } from '../../../kernel/db/tables.js';
import * as store from '../store.js';

/**
 * Supervision's termination port (supervision.md ENF-04…ENF-06, issue 16): what a supervisory Termination needs to
 * know of an OperationAgreement — its operator, jurisdiction and the state of every CollaborationAgreement and Grant
 * under it — so the wind-down can prove that each one ended. Read-only; the termination itself stays
 * `terminateAgreement` (AUTH-23, AUTH-26).
 */
export interface AgreementCascade {
  id: string;
  state: string;
  operatorOrgId: string | null;
  jurisdictionId: string;
  jurisdictionPath: string[];
  collaborations: { id: string; state: string; collaboratorOrgId: string }[];
  grants: { id: string; state: string }[];
}

const ALL_COLLABORATION = ['draft', 'filed', 'active', 'suspended', 'ended', 'terminated'];
const ALL_GRANT = ['pending_plan', 'active', 'suspended', 'expired', 'revoked', 'lapsed', 'superseded'];

export async function agreementCascade(db: Executor, id: string): Promise<AgreementCascade | undefined> {
  const a = await store.getAgreement(db, id);
  if (!a) return undefined;
  const collaborations = await store.listCollaborationsOfAgreement(db, id, ALL_COLLABORATION);
  const grants = await store.listGrantsOfAgreement(db, id, ALL_GRANT);
  return {
    id: a.id,
    state: a.state,
    operatorOrgId: a.operator_org_id,
    jurisdictionId: a.jurisdiction_id,
    jurisdictionPath: a.jurisdiction_path,
    collaborations: collaborations.map((c) => ({ id: c.id, state: c.state, collaboratorOrgId: c.collaborator_org_id })),
    grants: grants.map((g) => ({ id: g.id, state: g.state })),
  };
}
