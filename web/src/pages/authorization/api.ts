import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export interface ListQuery {
  state?: string;
  page?: number;
  pageSize?: number;
}
export type Transitioned = ApiOk<'/grants/{id}/activate', 'post'>;
export type AgreementItem = ApiItem<'/operation-agreements'>;
export type Agreement = ApiOk<'/operation-agreements/{id}'>;
export type CatalogEntry = Agreement['catalog'][number];
export type WizardCatalog = ApiOk<'/operation-agreements/{id}/catalog'>;
export type WizardField = WizardCatalog['resources'][number]['fields'][number];
export type ApplicationItem = ApiItem<'/scenario-applications'>;
export type Application = ApiOk<'/scenario-applications/{id}'>;
export type DemandItem = Application['items'][number];
export type Consent = ApiItem<'/source-consents'>;
export type GrantItem = ApiItem<'/grants'>;
export type Grant = ApiOk<'/grants/{id}'>;
export type GrantField = Grant['fields'][number];
export type GrantCollaboration = Grant['collaborations'][number];
export type Collaboration = ApiItem<'/collaboration-agreements'>;
export type Filing = ApiItem<'/filings'>;
export type NewApplication = ApiBody<'/scenario-applications'>;
export type ApplicationContent = ApiBody<'/scenario-applications/{id}', 'put'>;
export type ConsentItemDecision = ApiBody<'/source-consents/{id}/decide'>['items'][number];
export type ItemDecision = NonNullable<ApiBody<'/scenario-applications/{id}/approve'>['itemDecisions']>[number];
export type PlanInput = ApiBody<'/emergency-plans'>;
/** Server enums, as the routes declare them. */
export type PurposeCategory = NewApplication['purposeCategory'];
export type DevelopmentMethod = NonNullable<NewApplication['developmentMethods']>[number];
export type OutputKind = NewApplication['proposedEgress']['allowedOutputKinds'][number];
export type FilingKind = Filing['kind'];
export type AgreementMode = ApiBody<'/operation-agreements'>['mode'];

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
  agreements: (q: ListQuery) => request<ApiOk<'/operation-agreements'>>('/operation-agreements', { query: { ...q } }),
  agreement: (id: string) => request<Agreement>(`/operation-agreements/${id}`),
  wizard: (id: string) => request<WizardCatalog>(`/operation-agreements/${id}/catalog`),
  applications: (q: ListQuery) =>
    request<ApiOk<'/scenario-applications'>>('/scenario-applications', { query: { ...q } }),
  application: (id: string) => request<Application>(`/scenario-applications/${id}`),
  createApplication: (input: NewApplication) => request<Transitioned>('/scenario-applications', { body: input }),
  editApplication: (id: string, input: ApplicationContent) =>
    request<Transitioned>(`/scenario-applications/${id}`, { method: 'PUT', body: input }),
  applicationAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned & { grantId?: string; grantNo?: string }>(`/scenario-applications/${id}/${action}`, {
      method: 'POST',
      body,
    }),
  consents: () => request<ApiOk<'/source-consents'>>('/source-consents'),
  decideConsent: (id: string, items: ConsentItemDecision[]) =>
    request<Transitioned>(`/source-consents/${id}/decide`, { body: { items } }),
  grants: (q: ListQuery) => request<ApiOk<'/grants'>>('/grants', { query: { ...q } }),
  grant: (id: string) => request<Grant>(`/grants/${id}`),
  collaborations: (q: ListQuery) =>
    request<ApiOk<'/collaboration-agreements'>>('/collaboration-agreements', { query: { ...q } }),
  filings: (q: ListQuery) => request<ApiOk<'/filings'>>('/filings', { query: { ...q } }),
  grantAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned>(`/grants/${id}/${action}`, { method: 'POST', body }),
  createPlan: (input: PlanInput) => request<Transitioned>('/emergency-plans', { body: input }),
  planAction: (id: string, action: string, body: unknown = {}) =>
    request<Transitioned>(`/emergency-plans/${id}/${action}`, { method: 'POST', body }),
};
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
