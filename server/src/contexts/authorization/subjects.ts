import type { Subject } from '../../kernel/workflow/authorize.js';

// The policy view of each object (style.md §4 toSubject). Rows come from store.ts.
type Row = Record<string, any>;

export const agreementSubject = (a: Row, sourceUnits: string[] = []): Subject => ({
  type: 'OperationAgreement',
  id: a.id,
  jurisdictionId: a.jurisdiction_id,
  jurisdictionPath: a.jurisdiction_path,
  ownerOrgId: a.authority_org_id,
  partyOrgIds: a.operator_org_id ? [a.operator_org_id] : [],
  sourceUnitOrgIds: sourceUnits,
  createdBy: a.created_by,
});

export const catalogEntrySubject = (e: Row, a: Row): Subject => ({
  ...agreementSubject(a),
  type: 'AgreementCatalogEntry',
  id: e.id,
  sourceUnitOrgIds: [e.source_unit_org_id],
});

export const applicationSubject = (s: Row): Subject => ({
  type: 'ScenarioApplication',
  id: s.id,
  jurisdictionId: s.jurisdiction_id,
  jurisdictionPath: s.jurisdiction_path,
  ownerOrgId: s.applicant_org_id,
  sourceUnitOrgIds: s.source_unit_org_ids ?? [],
  createdBy: s.created_by,
});

export const consentSubject = (c: Row, s: Row): Subject => ({
  ...applicationSubject(s),
  type: 'SourceConsent',
  id: c.id,
  sourceUnitOrgIds: [c.source_unit_org_id],
});

export const grantSubject = (g: Row, collaboratorOrgIds: string[] = []): Subject => ({
  type: 'Grant',
  id: g.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: g.jurisdiction_path,
  ownerOrgId: g.holder_org_id,
  granteeOrgIds: [g.holder_org_id, ...collaboratorOrgIds],
  sourceUnitOrgIds: g.source_unit_org_ids ?? [],
});

export const planSubject = (p: Row, g: Row): Subject => ({
  ...grantSubject(g),
  type: 'EmergencyPlan',
  id: p.id,
  createdBy: p.created_by,
});

export const collaborationSubject = (c: Row, g: Row): Subject => ({
  type: 'CollaborationAgreement',
  id: c.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: g.jurisdiction_path,
  ownerOrgId: c.operator_org_id,
  partyOrgIds: [c.collaborator_org_id],
  createdBy: c.created_by,
});
