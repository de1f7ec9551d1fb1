import { useQueries, useQuery } from '@tanstack/react-query';
import { request } from '../../api/request';

// ---- Types: the fields the workbench reads from other contexts' list endpoints (views mirrored, narrowed) ----
export interface Page<T> {
  items: T[];
  total?: number;
}
export interface ApplicationRow {
  id: string;
  applicationNo: string;
  state: string;
  applicantName: string | null;
  scenario: { title: string };
  reviewDueAt: string | null;
  consentDueAt: string | null;
  submittedAt: string | null;
}
export interface RegistrationRow {
  id: string;
  resourceName: string;
  state: string;
  type: string;
  clocks: Record<string, string | null> | null;
  submittedAt: string | null;
}
export interface EgressRow {
  id: string;
  status: string;
  outputKind: string;
  declaredUse: string;
  reviewDueAt: string | null;
  createdAt: string;
}
export interface GrantRow {
  id: string;
  grantNo: string;
  state: string;
  holderName: string | null;
  purpose: { scenario: { title: string } };
  validFrom: string;
  validTo: string;
  planDueAt: string | null;
}
export interface ConsentRow {
  id: string;
  applicationId: string;
  state: string;
  dueAt: string | null;
  applicationNo?: string;
  scenarioTitle?: string;
}
export interface ResourceRow {
  id: string;
  nameZh: string;
  state: string;
  sourceUnitId: string;
  updatedAt: string;
}
export interface WorkspaceRow {
  id: string;
  status: string;
  nameZh: string;
  grantNo: string | null;
  seats: { userId: string }[];
}
export interface JobRow {
  id: string;
  status: string;
  rowsOut: number | null;
  durationMs: number | null;
  createdAt: string;
}
export interface UsageView {
  contracts: {
    id: string;
    product_name: string;
    product_code: string;
    quota_per_day: number;
    quota_per_month: number;
    term_to: string;
    state: string;
  }[];
  summary: { contract_id: string; outcome: string; n: number; today: number }[];
}
export interface ChangeRequestRow {
  id: string;
  type: string;
  state: string;
  resource_name: string | null;
  target_resource_id: string | null;
  created_at: string;
}
export interface CatalogTaskRow {
  id: string;
  kind: string;
  ruleId: string | null;
  resourceId: string | null;
  dueAt: string | null;
  state: string;
}
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  state: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

const all = { pageSize: 100 };

// ---- Query-key factory (the workbench's own reads; other contexts' mutations invalidate their own keys) ----
export const workbenchKeys = {
  all: ['workbench'] as const,
  list: (what: string, q: Record<string, unknown> = {}) => [...workbenchKeys.all, what, q] as const,
  jobs: (workspaceId: string) => [...workbenchKeys.all, 'jobs', workspaceId] as const,
};

// ---- Fetchers: only list endpoints, each already filtered by the caller's visibility on the server ----
export const workbenchApi = {
  applications: (state?: string) =>
    request<Page<ApplicationRow>>('/scenario-applications', { query: { ...all, state } }),
  registrations: (state: string) => request<Page<RegistrationRow>>('/registrations', { query: { ...all, state } }),
  egress: (state: string) => request<Page<EgressRow>>('/egress-requests', { query: { ...all, state } }),
  grants: () => request<Page<GrantRow>>('/grants', { query: all }),
  consents: () => request<Page<ConsentRow>>('/source-consents', { query: all }),
  resources: (state: string) => request<Page<ResourceRow>>('/resources', { query: { ...all, state } }),
  changeRequests: () => request<Page<ChangeRequestRow>>('/change-requests', { query: all }),
  catalogTasks: () => request<Page<CatalogTaskRow>>('/catalog-tasks', { query: { ...all, state: 'open' } }),
  workspaces: () => request<Page<WorkspaceRow>>('/workspaces'),
  jobs: (workspaceId: string) => request<Page<JobRow>>(`/workspaces/${workspaceId}/jobs`),
  usage: () => request<UsageView>('/service-usage'),
  apiKeys: (orgId: string) => request<Page<ApiKeyRow>>(`/orgs/${orgId}/api-keys`),
};

const listQuery = <T>(what: string, q: Record<string, unknown>, fn: () => Promise<T>, enabled: boolean) => ({
  queryKey: workbenchKeys.list(what, q),
  queryFn: fn,
  enabled,
});

// ---- Hooks, one per role's to-do sources ----
export function useAuthorityTodos(enabled: boolean) {
  return useQueries({
    queries: [
      listQuery('applications', { state: 'submitted' }, () => workbenchApi.applications('submitted'), enabled),
      listQuery('applications', { state: 'under_review' }, () => workbenchApi.applications('under_review'), enabled),
      listQuery('registrations', { state: 'submitted' }, () => workbenchApi.registrations('submitted'), enabled),
      listQuery('egress', { state: 'awaiting_review' }, () => workbenchApi.egress('awaiting_review'), enabled),
      listQuery('grants', {}, () => workbenchApi.grants(), enabled),
      listQuery('resources', { state: 'classified' }, () => workbenchApi.resources('classified'), enabled),
    ],
    combine: (r) => ({
      submitted: r[0].data?.items ?? [],
      underReview: r[1].data?.items ?? [],
      registrations: r[2].data?.items ?? [],
      egress: r[3].data?.items ?? [],
      grants: r[4].data?.items ?? [],
      classified: r[5].data?.items ?? [],
      pending: r.some((q) => q.isPending && q.fetchStatus !== 'idle'),
      error: r.find((q) => q.error)?.error ?? null,
    }),
  });
}

export function useSourceUnitTodos(enabled: boolean) {
  return useQueries({
    queries: [
      listQuery('consents', {}, () => workbenchApi.consents(), enabled),
      listQuery('resources', { state: 'draft' }, () => workbenchApi.resources('draft'), enabled),
      listQuery('changeRequests', {}, () => workbenchApi.changeRequests(), enabled),
      listQuery('catalogTasks', { state: 'open' }, () => workbenchApi.catalogTasks(), enabled),
    ],
    combine: (r) => ({
      consents: r[0].data?.items ?? [],
      drafts: r[1].data?.items ?? [],
      changeRequests: r[2].data?.items ?? [],
      tasks: r[3].data?.items ?? [],
      pending: r.some((q) => q.isPending && q.fetchStatus !== 'idle'),
      error: r.find((q) => q.error)?.error ?? null,
    }),
  });
}

export function useOperatorTodos(enabled: boolean) {
  return useQueries({
    queries: [
      listQuery('applications', {}, () => workbenchApi.applications(), enabled),
      listQuery('grants', {}, () => workbenchApi.grants(), enabled),
      listQuery('egress', { state: 'returned' }, () => workbenchApi.egress('returned'), enabled),
    ],
    combine: (r) => ({
      applications: r[0].data?.items ?? [],
      grants: r[1].data?.items ?? [],
      egress: r[2].data?.items ?? [],
      pending: r.some((q) => q.isPending && q.fetchStatus !== 'idle'),
      error: r.find((q) => q.error)?.error ?? null,
    }),
  });
}

export const useWorkbenchWorkspaces = (enabled: boolean) =>
  useQuery({ queryKey: workbenchKeys.list('workspaces'), queryFn: workbenchApi.workspaces, enabled });

/** The latest jobs of up to `max` workspaces (one list call per workspace). */
export function useRecentJobs(workspaces: WorkspaceRow[], max = 5) {
  const shown = workspaces.slice(0, max);
  return useQueries({
    queries: shown.map((w) => ({ queryKey: workbenchKeys.jobs(w.id), queryFn: () => workbenchApi.jobs(w.id) })),
    combine: (r) => r.flatMap((q, i) => (q.data?.items ?? []).map((j) => ({ ...j, workspace: shown[i]! }))),
  });
}

export const useWorkbenchUsage = (enabled: boolean) =>
  useQuery({ queryKey: workbenchKeys.list('usage'), queryFn: workbenchApi.usage, enabled });
export const useWorkbenchKeys = (orgId: string, enabled: boolean) =>
  useQuery({ queryKey: workbenchKeys.list('apiKeys', { orgId }), queryFn: () => workbenchApi.apiKeys(orgId), enabled });
