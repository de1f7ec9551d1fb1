import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk } from '../../api/types';
import { supervisionApi, supervisionKeys, type DeskReport, type SubmitReportInput } from '../supervision/api';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`) ----
export type Guide = ApiItem<'/public/lab-guides'>;
export type Indicator = Guide['indicators'][number];
export type ApplicationItem = ApiItem<'/lab-applications'>;
export type Application = ApiOk<'/lab-applications/{id}'>;
export type Seal = Application['seals'][number];
export type SealDocument = Seal['document'];
export type SealKind = Seal['kind'];
export type ConstructionPlan = NonNullable<Application['constructionPlan']>;
export type Lab = ApiOk<'/labs/{id}'>;
export type LabItem = ApiItem<'/labs'>;
export type Agreement = ApiOk<'/lab-agreements/{id}'>;
export type ScopeLine = Agreement['dataScope'][number];
export type ChangeRequest = ApiItem<'/labs/{id}/change-requests'>;
export type PublicLab = ApiItem<'/public/labs'>;
export type PublishGuideInput = ApiBody<'/lab-guides'>;
export type CreateApplicationInput = ApiBody<'/lab-applications'>;
export type UpdateApplicationInput = ApiBody<'/lab-applications/{id}', 'put'>;
export type ShortlistInput = ApiBody<'/lab-applications/{id}/shortlist'>;
export type DraftAgreementInput = ApiBody<'/labs/{id}/agreements'>;
export type SignAgreementInput = ApiBody<'/lab-agreements/{id}/sign'>;
export type Attestation = ApiBody<'/labs/{id}/attestation'>;
export type SubmitChangeInput = ApiBody<'/labs/{id}/change-requests'>;
export type DecideChangeInput = ApiBody<'/lab-change-requests/{id}/decide'>;
export type PartnerCandidate = ApiItem<'/lab-partner-candidates'>;
export type ResourceItem = ApiItem<'/resources'>;
export type Resource = ApiOk<'/resources/{id}'>;
export type Grant = ApiOk<'/grants/{id}'>;
export type ReviewAction = 'accept' | 'return' | 'not-select';
export type Duties = ApiOk<'/labs/{id}/duties'>;
export type Duty = Duties['duties'][number];
export type RecordTrainingInput = ApiBody<'/labs/{id}/trainings'>;
export type SecurityPolicyInput = ApiBody<'/labs/{id}/security-policy'>;
export type IssueReportInput = ApiBody<'/labs/{id}/issues'>;
export type Endings = ApiOk<'/labs/{id}/endings'>;
export type Evaluation = ApiOk<'/lab-evaluations/{id}'>;
export type CommissionInput = ApiBody<'/labs/{id}/evaluations'>;
export type DeclarationInput = ApiBody<'/lab-evaluations/{id}/declaration'>;
export type SubmitEvaluationInput = ApiBody<'/lab-evaluations/{id}/submit'>;
export type OrderLabRectificationInput = ApiBody<'/labs/{id}/rectification'>;
export type DelistInput = ApiBody<'/labs/{id}/delisting'>;
export type MergeInput = ApiBody<'/labs/{id}/merger'>;
export type EvaluationAction = 'concur' | 'return' | 'conclude';
/** LAB-17: a quarterly usage report is a supervision Report (kind `lab_usage_quarterly`), read and filed there. */
export type UsageReport = DeskReport;
export type UsageReportFiling = SubmitReportInput;

// ---- Query-key factory: the only source of labs cache keys ----
export const labKeys = {
  all: ['labs'] as const,
  guides: () => [...labKeys.all, 'guides'] as const,
  applications: (state?: string) => [...labKeys.all, 'applications', state ?? 'all'] as const,
  application: (id: string) => [...labKeys.all, 'application', id] as const,
  labs: (state?: string) => [...labKeys.all, 'labs', state ?? 'all'] as const,
  lab: (id: string) => [...labKeys.all, 'lab', id] as const,
  agreements: (labId: string) => [...labKeys.all, 'agreements', labId] as const,
  changes: (labId: string) => [...labKeys.all, 'changes', labId] as const,
  publicLabs: () => [...labKeys.all, 'public'] as const,
  partners: (q: string) => [...labKeys.all, 'partners', q] as const,
  resources: (q: string) => [...labKeys.all, 'resources', q] as const,
  resource: (id: string) => [...labKeys.all, 'resource', id] as const,
  grant: (id: string) => [...labKeys.all, 'grant', id] as const,
  duties: (labId: string) => [...labKeys.all, 'duties', labId] as const,
  endings: (labId: string) => [...labKeys.all, 'endings', labId] as const,
  evaluations: () => [...labKeys.all, 'evaluations'] as const,
  evaluation: (id: string) => [...labKeys.all, 'evaluation', id] as const,
  evaluators: () => [...labKeys.all, 'evaluators'] as const,
};

const all = { pageSize: 500 };
const post = <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body });

// ---- Fetchers ----
export const labsApi = {
  guides: () => request<ApiOk<'/public/lab-guides'>>('/public/lab-guides', { redirectOn401: false }),
  publishGuide: (body: PublishGuideInput) => post<Guide>('/lab-guides', body),
  closeGuide: (id: string) => post<Guide>(`/lab-guides/${id}/close`),
  applications: (state?: string) =>
    request<ApiOk<'/lab-applications'>>('/lab-applications', { query: { ...all, state } }),
  application: (id: string) => request<Application>(`/lab-applications/${id}`),
  createApplication: (body: CreateApplicationInput) => post<Application>('/lab-applications', body),
  updateApplication: (id: string, body: UpdateApplicationInput) =>
    request<Application>(`/lab-applications/${id}`, { method: 'PUT', body }),
  submitApplication: (id: string) => post<Application>(`/lab-applications/${id}/submit`),
  withdrawApplication: (id: string) => post<Application>(`/lab-applications/${id}/withdraw`),
  review: (id: string, action: ReviewAction, reason?: string) =>
    post<Application>(`/lab-applications/${id}/${action}`, reason === undefined ? {} : { reason }),
  noteNotDuplicate: (id: string, note: string) => post<Application>(`/lab-applications/${id}/duplicate-note`, { note }),
  shortlist: (id: string, body: ShortlistInput) => post<Application>(`/lab-applications/${id}/shortlist`, body),
  labs: (state?: string) => request<ApiOk<'/labs'>>('/labs', { query: { ...all, state } }),
  lab: (id: string) => request<Lab>(`/labs/${id}`),
  attest: (id: string, body: Attestation) => post<Lab>(`/labs/${id}/attestation`, body),
  certify: (id: string) => post<Lab>(`/labs/${id}/certify`),
  agreements: (labId: string) => request<ApiOk<'/labs/{id}/agreements'>>(`/labs/${labId}/agreements`),
  draftAgreement: (labId: string, body: DraftAgreementInput) => post<Agreement>(`/labs/${labId}/agreements`, body),
  signAgreement: (id: string, body: SignAgreementInput) => post<Agreement>(`/lab-agreements/${id}/sign`, body),
  fileAgreement: (id: string) => post<Agreement>(`/lab-agreements/${id}/file`),
  changes: (labId: string) => request<ApiOk<'/labs/{id}/change-requests'>>(`/labs/${labId}/change-requests`),
  submitChange: (labId: string, body: SubmitChangeInput) => post<ChangeRequest>(`/labs/${labId}/change-requests`, body),
  decideChange: (id: string, body: DecideChangeInput) => post<ChangeRequest>(`/lab-change-requests/${id}/decide`, body),
  publicLabs: () => request<ApiOk<'/public/labs'>>('/public/labs', { redirectOn401: false }),
  /** Organizations the initiator may name as partner (the kinds LAB-07 allows), by name or USCC. */
  partners: (q: string) => request<ApiOk<'/lab-partner-candidates'>>('/lab-partner-candidates', { query: { q } }),
  resources: (q: string) => request<ApiOk<'/resources'>>('/resources', { query: { q, pageSize: 50 } }),
  resource: (id: string) => request<Resource>(`/resources/${id}`),
  grant: (id: string) => request<Grant>(`/grants/${id}`),
  duties: (labId: string) => request<Duties>(`/labs/${labId}/duties`),
  recordTraining: (labId: string, body: RecordTrainingInput) => post<unknown>(`/labs/${labId}/trainings`, body),
  renewPolicy: (labId: string, body: SecurityPolicyInput) => post<Lab>(`/labs/${labId}/security-policy`, body),
  reportIssue: (labId: string, body: IssueReportInput) =>
    post<ApiOk<'/labs/{id}/issues', 'post'>>(`/labs/${labId}/issues`, body),
  endings: (labId: string) => request<Endings>(`/labs/${labId}/endings`),
  evaluations: () => request<ApiOk<'/lab-evaluations'>>('/lab-evaluations'),
  evaluation: (id: string) => request<Evaluation>(`/lab-evaluations/${id}`),
  commission: (labId: string, body: CommissionInput) => post<Evaluation>(`/labs/${labId}/evaluations`, body),
  evaluationAction: (id: string, action: EvaluationAction) => post<Evaluation>(`/lab-evaluations/${id}/${action}`),
  declare: (id: string, body: DeclarationInput) => post<Evaluation>(`/lab-evaluations/${id}/declaration`, body),
  submitEvaluation: (id: string, body: SubmitEvaluationInput) =>
    post<Evaluation>(`/lab-evaluations/${id}/submit`, body),
  markSerious: (id: string, reason: string) => post<Evaluation>(`/lab-evaluations/${id}/serious`, { reason }),
  orderRectification: (labId: string, body: OrderLabRectificationInput) =>
    post<Endings>(`/labs/${labId}/rectification`, body),
  closeRectification: (labId: string) => post<Endings>(`/labs/${labId}/rectification/close`),
  terminate: (labId: string, reason: string) => post<Endings>(`/labs/${labId}/termination`, { reason }),
  delist: (labId: string, body: DelistInput) => post<Endings>(`/labs/${labId}/delisting`, body),
  merge: (labId: string, body: MergeInput) => post<Endings>(`/labs/${labId}/merger`, body),
  /** LAB-17: the lab's quarterly usage report, through supervision's Report routes (abilities included). */
  usageReport: (id: string) => supervisionApi.report(id),
  fileUsageReport: (id: string, body: UsageReportFiling) => supervisionApi.submitReport(id, body),
  /** Third-party evaluators the authority may commission (the register it reads). */
  evaluators: () => request<ApiOk<'/orgs'>>('/orgs', { query: { actor: 'evaluator', pageSize: 100 } }),
};

// ---- Hooks ----
export const useGuides = () => useQuery({ queryKey: labKeys.guides(), queryFn: labsApi.guides });
export const useApplications = (state?: string) =>
  useQuery({ queryKey: labKeys.applications(state), queryFn: () => labsApi.applications(state) });
export const useApplication = (id: string) =>
  useQuery({ queryKey: labKeys.application(id), queryFn: () => labsApi.application(id), retry: false });
export const useLabs = (state?: string) =>
  useQuery({ queryKey: labKeys.labs(state), queryFn: () => labsApi.labs(state) });
export const useLab = (id: string) =>
  useQuery({ queryKey: labKeys.lab(id), queryFn: () => labsApi.lab(id), retry: false });
export const useAgreements = (labId: string) =>
  useQuery({ queryKey: labKeys.agreements(labId), queryFn: () => labsApi.agreements(labId), enabled: !!labId });
export const useChanges = (labId: string, enabled = true) =>
  useQuery({ queryKey: labKeys.changes(labId), queryFn: () => labsApi.changes(labId), enabled: !!labId && enabled });
export const usePublicLabs = () => useQuery({ queryKey: labKeys.publicLabs(), queryFn: labsApi.publicLabs });
export const usePartnerCandidates = (q: string) =>
  useQuery({ queryKey: labKeys.partners(q), queryFn: () => labsApi.partners(q), retry: false, staleTime: 60_000 });
export const useResources = (q: string) =>
  useQuery({ queryKey: labKeys.resources(q), queryFn: () => labsApi.resources(q), staleTime: 60_000 });
export const useResource = (id?: string) =>
  useQuery({ queryKey: labKeys.resource(id ?? ''), queryFn: () => labsApi.resource(id!), enabled: !!id });

export const useDuties = (labId: string, enabled = true) =>
  useQuery({ queryKey: labKeys.duties(labId), queryFn: () => labsApi.duties(labId), enabled, retry: false });
export const useEndings = (labId: string, enabled = true) =>
  useQuery({ queryKey: labKeys.endings(labId), queryFn: () => labsApi.endings(labId), enabled, retry: false });
export const useEvaluations = () => useQuery({ queryKey: labKeys.evaluations(), queryFn: labsApi.evaluations });
export const useEvaluation = (id: string) =>
  useQuery({ queryKey: labKeys.evaluation(id), queryFn: () => labsApi.evaluation(id), retry: false });
export const useEvaluators = (enabled: boolean) =>
  useQuery({ queryKey: labKeys.evaluators(), queryFn: labsApi.evaluators, enabled, retry: false });

/**
 * Evaluators already named on the evaluations of the labs the reader sees (the authority's register does not list an
 * evaluator outside its jurisdiction, such as the demo's provincial one).
 */
export function useKnownEvaluators(enabled: boolean) {
  const labs = useQuery({ queryKey: labKeys.labs(), queryFn: () => labsApi.labs(), enabled });
  const ids = (labs.data?.items ?? []).filter((l) => l.certifiedAt).map((l) => l.id);
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: labKeys.endings(id),
      queryFn: () => labsApi.endings(id),
      enabled,
      retry: false,
    })),
    combine: (r) =>
      new Map(
        r.flatMap((q) => (q.data?.evaluations ?? []).map((e): [string, string] => [e.evaluatorOrgId, e.evaluator])),
      ),
  });
}

/** The lab's quarterly usage Reports by id (supervision's cache keys, so its report page and ours agree). */
export function useUsageReports(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: supervisionKeys.report(id),
      queryFn: () => labsApi.usageReport(id),
      retry: false,
    })),
    combine: (r) => new Map(ids.flatMap((id, i): [string, UsageReport][] => (r[i]?.data ? [[id, r[i].data]] : []))),
  });
}

/** The Grants an agreement opened; one the reader may not see simply stays unnamed. */
export function useGrants(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: labKeys.grant(id), queryFn: () => labsApi.grant(id), retry: false })),
    combine: (r) => ids.map((id, i) => ({ id, grant: r[i]?.data })),
  });
}

/**
 * Every labs write refreshes the whole cache: besides our lists and details it moves other contexts' objects
 * (Grants opened or resumed at filing and certification, the plaque certificate) and the timelines' ledger entries.
 */
export function useLabMutation<V, R>(fn: (v: V) => Promise<R>, onDone?: (r: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await qc.invalidateQueries();
      onDone?.(r);
    },
  });
}

/**
 * What the workbench needs for the labs' to-dos: the reader's applications and labs (each list already filtered by
 * the server to what the reader may see) and the agreements of shortlisted labs (whose filing clock runs).
 */
export function useLabTodoSources(enabled: boolean) {
  const apps = useQuery({ queryKey: labKeys.applications(), queryFn: () => labsApi.applications(), enabled });
  const labs = useQuery({ queryKey: labKeys.labs(), queryFn: () => labsApi.labs(), enabled });
  const shortlisted = (labs.data?.items ?? []).filter((l) => l.state === 'shortlisted');
  const agreements = useQueries({
    queries: shortlisted.map((l) => ({
      queryKey: labKeys.agreements(l.id),
      queryFn: () => labsApi.agreements(l.id),
      enabled,
    })),
    combine: (r) => Object.fromEntries(shortlisted.map((l, i) => [l.id, r[i]?.data?.items ?? []])),
  });
  return {
    applications: apps.data?.items ?? [],
    labs: labs.data?.items ?? [],
    agreements,
    pending: enabled && (apps.isPending || labs.isPending),
    error: apps.error ?? labs.error ?? null,
  };
}
