import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';

// ---- Types (mirror server/src/contexts/authorization/views.ts) ----
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ListQuery {
  state?: string;
  page?: number;
  pageSize?: number;
}
export interface Transitioned {
  id: string;
  state: string;
  version: number;
}
export interface CatalogEntry {
  id: string;
  resourceId: string;
  resourceNameZh: string;
  registrationCode: string | null;
  sourceUnitOrgId: string;
  sourceUnitName: string | null;
  fieldCodes: string[];
  state: string;
}
export interface Agreement {
  id: string;
  agreementNo: string;
  title: string;
  mode: string;
  state: string;
  authorityName: string | null;
  operatorOrgId: string | null;
  operatorName: string | null;
  validFrom: string | null;
  validTo: string | null;
  obligations: { code: string; everyMonths: number; from: string }[];
  derivedRightsClause: string;
  selection: { method?: string; candidates?: { orgId: string; outcome: string }[] };
  catalog: CatalogEntry[];
  abilities?: string[];
}
export interface WizardField {
  code: string;
  nameZh: string;
  dataType: string;
  grade: string;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  directIdentifier: boolean;
  selectable: boolean;
  blockedReason: string | null;
  needsSecondApprover: boolean;
  needsDeidentification: boolean;
}
export interface WizardCatalog {
  agreementId: string;
  agreementNo: string;
  validTo: string | null;
  resources: {
    resourceId: string;
    nameZh: string;
    registered: boolean;
    sourceUnitName: string | null;
    fields: WizardField[];
  }[];
}
export interface DemandItem {
  id: string;
  resourceId: string;
  resourceNameZh: string;
  sourceUnitOrgId: string;
  fieldCode: string;
  fieldNameZh: string;
  grade: string;
  personal: boolean;
  directIdentifier: boolean;
  justification: string;
  requestedMasking: { method: string };
  requestedVisibility: string;
  consent: string;
  consentReason: string | null;
  consentConditions: string | null;
  decision: string | null;
  decisionReason: string | null;
}
export interface Consent {
  id: string;
  applicationId: string;
  sourceUnitOrgId: string;
  sourceUnitName: string | null;
  state: string;
  dueAt: string | null;
  abilities?: string[];
  applicationNo?: string;
  scenarioTitle?: string;
}
export interface Application {
  id: string;
  applicationNo: string;
  agreementId: string;
  applicantName: string | null;
  state: string;
  scenario: { title: string; description: string };
  serviceObjects: string[];
  servicePeriod: { from: string; to: string };
  usageTimeLimit: string;
  purposeCategory: string;
  developmentMethods: string[];
  serviceScope?: { regions: string[]; industries: string[] };
  riskAssessment?: { fileId?: string; responsiblePerson?: string; coversImportantFields?: boolean };
  proposedEgress?: { allowedOutputKinds: string[]; minGroupSize?: number };
  createdAt?: string | null;
  expectedOutcome: { text: string; indicators: string[] };
  submittedAt: string | null;
  reviewDueAt: string | null;
  consentDueAt: string | null;
  grantId: string | null;
  firstApproval: { userId: string } | null;
  reviews: {
    decision: string;
    reason?: string;
    at?: string;
    itemDecisions?: { itemId: string; decision: string | null; reason?: string }[];
  }[];
  items?: DemandItem[];
  consents?: Consent[];
  overlaps?: { grantNo: string; fields: string[] }[];
  earlierRejections?: { fieldNameZh: string; applicationNo: string; reason: string }[];
  abilities?: string[];
}
export interface GrantField {
  resourceId: string;
  resourceNameZh: string;
  code: string;
  nameZh: string;
  grade: string;
  personalInfo: boolean;
  directIdentifier: boolean;
  masking: { method: string };
  visibility: string;
  egressAllowed: boolean;
}
export interface Grant {
  id: string;
  grantNo: string;
  grantVersion: number;
  state: string;
  holderName: string | null;
  purpose: { scenario: { title: string } };
  fields: GrantField[];
  egressPolicy: {
    allowedOutputKinds: string[];
    minGroupSize: number;
    smallCellSuppression: boolean;
    dp: { mechanism: string; epsilonBudget: number } | null;
    limits?: { reviewersRequired: number; maxOutputRows: number };
  };
  validFrom: string;
  validTo: string;
  reviewersRequired: number;
  scenarioApplicationId: string | null;
  abilities?: string[];
  emergencyPlan?: {
    id: string;
    state: string;
    nextDrillDue: string | null;
    drillOverdue: boolean;
    filing: { acceptedAt?: string };
    abilities?: string[];
  } | null;
  collaborations?: Collaboration[];
}
export interface Collaboration {
  id: string;
  operatorName: string | null;
  collaboratorName: string | null;
  scenarioTitle: string;
  dataScope: string[];
  validFrom: string;
  validTo: string;
  state: string;
  entryFiling: { at: string } | null;
}
export interface Filing {
  kind: string;
  id: string;
  grantId: string;
  state: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  title: string | null;
  nextDrillDue: string | null;
  drillOverdue: boolean;
}
export interface NewApplication {
  agreementId: string;
  scenario: { title: string; description: string };
  serviceObjects: string[];
  serviceScope: { regions: string[]; industries: string[] };
  servicePeriod: { from: string; to: string };
  expectedOutcome: { text: string; indicators: string[] };
  developmentMethods: string[];
  usageTimeLimit: string;
  purposeCategory: string;
  riskAssessment: { fileId?: string; responsiblePerson?: string; coversImportantFields: boolean };
  proposedEgress: { allowedOutputKinds: string[]; minGroupSize?: number };
  demandList: { resourceId: string; fieldCode: string; justification: string; requestedMasking: { method: string } }[];
  /** Create and submit in one call: the server checks everything before saving anything. */
  submit?: boolean;
}
export type ApplicationContent = Omit<NewApplication, 'agreementId' | 'submit'>;
export interface ConsentItemDecision {
  itemId: string;
  decision: 'consent' | 'refuse';
  conditions?: string;
  reason?: string;
}
export interface ItemDecision {
  itemId: string;
  decision: 'accepted' | 'accepted_with_conditions' | 'rejected';
  reason: string;
}

// ---- Query-key factory ----
export const authzKeys = {
  all: ['authorization'] as const,
  agreements: (q: ListQuery) => [...authzKeys.all, 'agreements', q] as const,
  agreement: (id: string) => [...authzKeys.all, 'agreement', id] as const,
  wizard: (id: string) => [...authzKeys.all, 'wizard', id] as const,
  applications: (q: ListQuery) => [...authzKeys.all, 'applications', q] as const,
  application: (id: string) => [...authzKeys.all, 'application', id] as const,
  consents: () => [...authzKeys.all, 'consents'] as const,
  grants: (q: ListQuery) => [...authzKeys.all, 'grants', q] as const,
  grant: (id: string) => [...authzKeys.all, 'grant', id] as const,
  collaborations: (q: ListQuery) => [...authzKeys.all, 'collaborations', q] as const,
  filings: (q: ListQuery) => [...authzKeys.all, 'filings', q] as const,
};

// ---- Fetchers ----
export const authzApi = {
  agreements: (q: ListQuery) => request<Page<Agreement>>('/operation-agreements', { query: { ...q } }),
  agreement: (id: string) => request<Agreement>(`/operation-agreements/${id}`),
  wizard: (id: string) => request<WizardCatalog>(`/operation-agreements/${id}/catalog`),
  applications: (q: ListQuery) => request<Page<Application>>('/scenario-applications', { query: { ...q } }),
  application: (id: string) => request<Application>(`/scenario-applications/${id}`),
  createApplication: (input: NewApplication) => request<Transitioned>('/scenario-applications', { body: input }),
  editApplication: (id: string, input: ApplicationContent) =>
    request<Transitioned>(`/scenario-applications/${id}`, { method: 'PUT', body: input }),
  applicationAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned & { grantId?: string }>(`/scenario-applications/${id}/${action}`, { method: 'POST', body }),
  consents: () => request<Page<Consent>>('/source-consents'),
  decideConsent: (id: string, items: ConsentItemDecision[]) =>
    request<Transitioned>(`/source-consents/${id}/decide`, { body: { items } }),
  grants: (q: ListQuery) => request<Page<Grant>>('/grants', { query: { ...q } }),
  grant: (id: string) => request<Grant>(`/grants/${id}`),
  collaborations: (q: ListQuery) => request<Page<Collaboration>>('/collaboration-agreements', { query: { ...q } }),
  filings: (q: ListQuery) => request<Page<Filing>>('/filings', { query: { ...q } }),
  grantAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned>(`/grants/${id}/${action}`, { method: 'POST', body }),
  createPlan: (input: PlanInput) => request<Transitioned>('/emergency-plans', { body: input }),
  planAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned>(`/emergency-plans/${id}/${action}`, { method: 'POST', body }),
};
export interface PlanInput {
  grantId: string;
  incidentTypes: string[];
  responseLevels: string;
  procedures: string;
  roles: { role: string; name?: string; phone?: string; securityOfficer?: boolean }[];
  reportingChain: string[];
}

/** Grant-page actions: activate/suspend/resume, draft+submit the emergency plan, accept its filing. */
export function useGrantActions(grantId: string) {
  const qc = useQueryClient();
  const done = { onSuccess: () => qc.invalidateQueries({ queryKey: authzKeys.all }) };
  return {
    grant: useMutation({
      mutationFn: ({ action, body }: { action: string; body?: unknown }) => authzApi.grantAction(grantId, action, body),
      ...done,
    }),
    submitPlan: useMutation({
      mutationFn: async (input: PlanInput) => authzApi.planAction((await authzApi.createPlan(input)).id, 'submit'),
      ...done,
    }),
    plan: useMutation({
      mutationFn: ({ id, action }: { id: string; action: string }) => authzApi.planAction(id, action),
      ...done,
    }),
  };
}

/** Word exports are plain downloads (the session cookie authenticates the GET). */
export const docxUrl = {
  application: (id: string) => `/api/v1/scenario-applications/${id}/export.docx`,
  agreement: (id: string) => `/api/v1/operation-agreements/${id}/export.docx`,
};

// ---- Hooks ----
export const useAgreements = (q: ListQuery) =>
  useQuery({
    queryKey: authzKeys.agreements(q),
    queryFn: () => authzApi.agreements(q),
    placeholderData: keepPreviousData,
  });
export const useAgreement = (id: string) =>
  useQuery({ queryKey: authzKeys.agreement(id), queryFn: () => authzApi.agreement(id) });
export const useWizardCatalog = (id: string | undefined) =>
  useQuery({ queryKey: authzKeys.wizard(id ?? ''), queryFn: () => authzApi.wizard(id!), enabled: !!id });
export const useApplications = (q: ListQuery) =>
  useQuery({
    queryKey: authzKeys.applications(q),
    queryFn: () => authzApi.applications(q),
    placeholderData: keepPreviousData,
  });
export const useApplication = (id: string, enabled = true) =>
  useQuery({ queryKey: authzKeys.application(id), queryFn: () => authzApi.application(id), enabled });
export const useConsents = () => useQuery({ queryKey: authzKeys.consents(), queryFn: authzApi.consents });
export const useGrants = (q: ListQuery) =>
  useQuery({ queryKey: authzKeys.grants(q), queryFn: () => authzApi.grants(q), placeholderData: keepPreviousData });
export const useGrant = (id: string) => useQuery({ queryKey: authzKeys.grant(id), queryFn: () => authzApi.grant(id) });
export const useCollaborations = (q: ListQuery) =>
  useQuery({ queryKey: authzKeys.collaborations(q), queryFn: () => authzApi.collaborations(q) });
export const useFilings = (q: ListQuery) =>
  useQuery({ queryKey: authzKeys.filings(q), queryFn: () => authzApi.filings(q) });

/**
 * The wizard's save: a new application is created (and with `submit` submitted) in ONE call, so a refusal
 * leaves no draft behind (issue 14); an existing draft is edited (PUT) and then, with `submit`, submitted.
 */
export function useSaveApplication(draftId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, submit }: { input: NewApplication; submit: boolean }) => {
      if (!draftId) return authzApi.createApplication({ ...input, submit });
      const { agreementId: _agreementId, submit: _submit, ...content } = input;
      const r = await authzApi.editApplication(draftId, content);
      return submit ? authzApi.applicationAction(draftId, 'submit') : r;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: authzKeys.all }),
  });
}

export function useApplicationAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) => authzApi.applicationAction(id, action, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: authzKeys.all }),
  });
}

export function useDecideConsent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, items }: { id: string; items: ConsentItemDecision[] }) => authzApi.decideConsent(id, items),
    onSuccess: () => qc.invalidateQueries({ queryKey: authzKeys.all }),
  });
}
