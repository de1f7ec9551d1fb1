import type { Subject } from '../../kernel/workflow/authorize.js';
import type { AgreementRow, ApplicationRow, CollaborationRow, ConsentRow, GrantRow, PlanRow } from './store.js';

// The policy view of each object (style.md §4 toSubject). Rows come from store.ts; each subject
// names only the columns it reads, so a freshly built row (before insert) can be passed too.
type Located = { id: string; jurisdiction_id: string; jurisdiction_path: string[] };
type CreatedBy = { created_by?: string | null };
type AgreementParties = Located & Pick<AgreementRow, 'authority_org_id' | 'operator_org_id'> & CreatedBy;
type ApplicationParties = Located & Pick<ApplicationRow, 'applicant_org_id' | 'source_unit_org_ids'> & CreatedBy;
type GrantParties = Located & Pick<GrantRow, 'holder_org_id' | 'source_unit_org_ids'>;

export const agreementSubject = (a: AgreementParties, sourceUnits: string[] = []): Subject => ({
  type: 'OperationAgreement',
  id: a.id,
  jurisdictionId: a.jurisdiction_id,
  jurisdictionPath: a.jurisdiction_path,
  ownerOrgId: a.authority_org_id,
  partyOrgIds: a.operator_org_id ? [a.operator_org_id] : [],
  sourceUnitOrgIds: sourceUnits,
  createdBy: a.created_by,
});

export const catalogEntrySubject = (e: { id: string; source_unit_org_id: string }, a: AgreementParties): Subject => ({
  ...agreementSubject(a),
  type: 'AgreementCatalogEntry',
  id: e.id,
  sourceUnitOrgIds: [e.source_unit_org_id],
});

export const applicationSubject = (s: ApplicationParties): Subject => ({
  type: 'ScenarioApplication',
  id: s.id,
  jurisdictionId: s.jurisdiction_id,
  jurisdictionPath: s.jurisdiction_path,
  ownerOrgId: s.applicant_org_id,
  sourceUnitOrgIds: s.source_unit_org_ids ?? [],
  createdBy: s.created_by,
});

export const consentSubject = (c: Pick<ConsentRow, 'id' | 'source_unit_org_id'>, s: ApplicationParties): Subject => ({
  ...applicationSubject(s),
  type: 'SourceConsent',
  id: c.id,
  sourceUnitOrgIds: [c.source_unit_org_id],
});

export const grantSubject = (g: GrantParties, collaboratorOrgIds: string[] = []): Subject => ({
  type: 'Grant',
  id: g.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: g.jurisdiction_path,
  ownerOrgId: g.holder_org_id,
  granteeOrgIds: [g.holder_org_id, ...collaboratorOrgIds],
  sourceUnitOrgIds: g.source_unit_org_ids ?? [],
});

export const planSubject = (p: Pick<PlanRow, 'id'> & CreatedBy, g: GrantParties): Subject => ({
  ...grantSubject(g),
  type: 'EmergencyPlan',
  id: p.id,
  createdBy: p.created_by,
});

export const collaborationSubject = (
  c: Pick<CollaborationRow, 'id' | 'collaborator_org_id'> & { operator_org_id?: string | null } & CreatedBy,
  g: Pick<Located, 'jurisdiction_id' | 'jurisdiction_path'>,
): Subject => ({
  type: 'CollaborationAgreement',
  id: c.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: g.jurisdiction_path,
  ownerOrgId: c.operator_org_id,
  partyOrgIds: [c.collaborator_org_id],
  createdBy: c.created_by,
});
