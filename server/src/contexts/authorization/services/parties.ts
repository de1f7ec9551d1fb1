import { defineOpenAgreementSource } from '../../identity/agreements-port.js';
import * as store from '../store.js';

// identity.md Organization lifecycle: an org party to an open OperationAgreement (authority or operator)
// or CollaborationAgreement (operator or collaborator) cannot be deactivated. Authorization answers
// through identity's port, so identity never reads these tables.
defineOpenAgreementSource('authorization', async (db, orgId) => {
  const rows = await store.listOpenAgreementsOfParty(db, orgId);
  return rows.map((r) => ({ type: r.type as string, id: r.id as string, no: r.no as string, state: r.state as string }));
});
