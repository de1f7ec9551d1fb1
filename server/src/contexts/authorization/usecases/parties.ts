import { defineAgreementsInForceSource, defineOpenAgreementSource } from '../../identity/agreements-port.js';
import * as store from '../store.js';

// identity.md Organization lifecycle: an org party to an open OperationAgreement (authority or operator)
// or CollaborationAgreement (operator or collaborator) cannot be deactivated. Authorization answers
// through identity's port, so identity never reads these tables.
defineOpenAgreementSource('authorization', async (db, orgId) => {
  const rows = await store.listOpenAgreementsOfParty(db, orgId);
  return rows.map((r) => ({
    type: r.type as string,
    id: r.id as string,
    no: r.no as string,
    state: r.state as string,
  }));
});

// IAM-05: an operator role is granted only on an OperationAgreement in force, and ends with it.
defineAgreementsInForceSource(async (db, operatorOrgId) => {
  const rows = await store.listAgreementsInForceForOperator(db, operatorOrgId);
  return rows.map((r) => ({
    id: r.id as string,
    no: r.agreement_no as string,
    jurisdictionId: r.jurisdiction_id as string,
    validTo: (r.valid_to as string | null) ?? null,
    state: r.state as string,
  }));
});
