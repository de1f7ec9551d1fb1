import { useQueries, useQuery } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiItem } from '../../api/types';
import type { Usage } from '../services/api';

// ---- Types: the fields the workbench reads from other contexts' list endpoints, picked from the generated views
// (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export interface Page<T> {
  items: T[];
  total?: number;
}
export type ApplicationRow = Pick<
  ApiItem<'/scenario-applications'>,
  'id' | 'applicationNo' | 'state' | 'applicantName' | 'scenario' | 'reviewDueAt' | 'consentDueAt' | 'submittedAt'
>;
/** The registration's clocks are jsonb the server writes as named ISO deadlines. */
export type RegistrationRow = Pick<
  ApiItem<'/registrations'>,
  'id' | 'resourceName' | 'state' | 'type' | 'submittedAt'
> & {
  clocks: Record<string, string | null> | null;
};
export type EgressRow = Pick<
  ApiItem<'/egress-requests'>,
  'id' | 'status' | 'outputKind' | 'declaredUse' | 'reviewDueAt' | 'createdAt' | 'awaitingReviewBy'
>;
export type GrantRow = Pick<
  ApiItem<'/grants'>,
  'id' | 'grantNo' | 'state' | 'holderName' | 'purpose' | 'validFrom' | 'validTo' | 'planDueAt'
>;
export type ConsentRow = Pick<
  ApiItem<'/source-consents'>,
  'id' | 'applicationId' | 'state' | 'dueAt' | 'applicationNo' | 'scenarioTitle'
>;
export type ResourceRow = Pick<ApiItem<'/resources'>, 'id' | 'nameZh' | 'state' | 'sourceUnitId' | 'updatedAt'>;
export type WorkspaceRow = Pick<ApiItem<'/workspaces'>, 'id' | 'status' | 'nameZh' | 'grantNo' | 'seats'>;
export type JobRow = Pick<ApiItem<'/workspaces/{id}/jobs'>, 'id' | 'status' | 'rowsOut' | 'durationMs' | 'createdAt'>;
export type UsageView = Pick<Usage, 'contracts' | 'summary'>;
export type ChangeRequestRow = Pick<
  ApiItem<'/change-requests'>,
  'id' | 'type' | 'state' | 'resource_name' | 'target_resource_id' | 'created_at'
>;
export type CatalogTaskRow = Pick<
  ApiItem<'/catalog-tasks'>,
  'id' | 'kind' | 'ruleId' | 'resourceId' | 'dueAt' | 'state'
>;
export type ApiKeyRow = Pick<
  ApiItem<'/orgs/{id}/api-keys'>,
  'id' | 'name' | 'prefix' | 'state' | 'expiresAt' | 'lastUsedAt'
>;

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
      // LAB-35: a lab request the initiator's security officer approved waits for the authority's second review.
      listQuery(
        'egress',
        { state: 'awaiting_second_review' },
        () => workbenchApi.egress('awaiting_second_review'),
        enabled,
      ),
    ],
    combine: (r) => ({
      submitted: r[0].data?.items ?? [],
      underReview: r[1].data?.items ?? [],
      registrations: r[2].data?.items ?? [],
      // A lab request's first review is its initiator's, not the authority's (LAB-35).
      egress: [...(r[3].data?.items ?? []), ...(r[6].data?.items ?? [])].filter(
        (e) => e.awaitingReviewBy === 'authority',
      ),
      grants: r[4].data?.items ?? [],
      classified: r[5].data?.items ?? [],
      pending: r.some((q) => q.isPending && q.fetchStatus !== 'idle'),
      error: r.find((q) => q.error)?.error ?? null,
    }),
  });
}

/** LAB-35: the lab initiator's security officer reviews its labs' egress requests first. */
export function useLabEgressTodos(enabled: boolean) {
  return useQuery({
    ...listQuery('egress', { state: 'awaiting_review' }, () => workbenchApi.egress('awaiting_review'), enabled),
    select: (d) => d.items.filter((e) => e.awaitingReviewBy === 'lab_initiator'),
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
