import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, Refine } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
export type Workspace = ApiOk<'/workspaces/{id}'>;
export type WorkspaceItem = ApiItem<'/workspaces'>;
export type ViewField = Workspace['views'][number]['fields'][number];
export type Job = ApiOk<'/workspaces/{id}/jobs/{jobId}'>;
export type Failure = Job['failures'][number];
/** The automatic egress checks are jsonb the server writes as one entry per check (EGR-03 … EGR-06). */
export interface AutoCheck {
  check: string;
  result: 'pass' | 'modified' | 'fail';
  detail: Record<string, unknown>;
}
export type Egress = Refine<ApiOk<'/egress-requests/{id}'>, { autoChecks: AutoCheck[] }>;
export type EgressItem = Refine<ApiItem<'/egress-requests'>, { autoChecks: AutoCheck[] }>;
export type NewEgress = ApiBody<'/egress-requests'>;
export type EgressReview = ApiBody<'/egress-requests/{id}/reviews'>;
/** Server enums, as the routes declare them. */
export type OutputKind = NewEgress['outputKind'];
export type DeclaredUse = NewEgress['declaredUse'];

export const sandboxKeys = {
  workspaces: () => ['sandbox', 'workspaces'] as const,
  workspace: (id: string) => ['sandbox', 'workspace', id] as const,
  jobs: (id: string) => ['sandbox', 'jobs', id] as const,
  job: (ws: string, id: string) => ['sandbox', 'job', ws, id] as const,
  egressList: (state?: string) => ['sandbox', 'egress', 'list', state ?? ''] as const,
  egress: (id: string) => ['sandbox', 'egress', id] as const,
};

export const useWorkspaces = () =>
  useQuery({ queryKey: sandboxKeys.workspaces(), queryFn: () => request<ApiOk<'/workspaces'>>('/workspaces') });
export const useWorkspace = (id: string) =>
  useQuery({ queryKey: sandboxKeys.workspace(id), queryFn: () => request<Workspace>(`/workspaces/${id}`) });
export const useJobs = (id: string) =>
  useQuery({
    queryKey: sandboxKeys.jobs(id),
    queryFn: () => request<ApiOk<'/workspaces/{id}/jobs'>>(`/workspaces/${id}/jobs`),
  });
/** A job; polled while it is still queued or running (the 202 path). */
export const useJob = (ws: string, id: string | null) =>
  useQuery({
    queryKey: sandboxKeys.job(ws, id ?? ''),
    enabled: !!id,
    queryFn: () => request<Job>(`/workspaces/${ws}/jobs/${id}`),
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false),
  });

/** POST /workspaces: opens the org's Workspace on an active Grant, or names seats on the one provisioned at activation (SBX-01, SBX-02). */
export function useOpenWorkspace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ApiBody<'/workspaces'>) => request<ApiOk<'/workspaces', 'post'>>('/workspaces', { body: b }),
    onSuccess: (w) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: sandboxKeys.workspaces() }),
        qc.invalidateQueries({ queryKey: sandboxKeys.workspace(w.id) }),
      ]),
  });
}

export function useSubmitJob(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (sql: string) => request<Job>(`/workspaces/${ws}/jobs`, { body: { sql } }),
    onSettled: () => qc.invalidateQueries({ queryKey: sandboxKeys.jobs(ws) }),
  });
}

export const useEgressList = (state?: string) =>
  useQuery({
    queryKey: sandboxKeys.egressList(state),
    queryFn: () =>
      request<Refine<ApiOk<'/egress-requests'>, { items: EgressItem[] }>>('/egress-requests', {
        query: { state, pageSize: 100 },
      }),
  });
export const useEgress = (id: string) =>
  useQuery({ queryKey: sandboxKeys.egress(id), queryFn: () => request<Egress>(`/egress-requests/${id}`) });

export function useRequestEgress() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: NewEgress) => request<ApiOk<'/egress-requests', 'post'>>('/egress-requests', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sandbox', 'egress'] }),
  });
}

export function useReviewEgress(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: EgressReview) =>
      request<ApiOk<'/egress-requests/{id}/reviews', 'post'>>(`/egress-requests/${id}/reviews`, { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sandbox', 'egress'] }),
  });
}

/** The release file's URL; the browser downloads it with the session cookie (EGR-10: bound to the recipient's login). */
export const releaseUrl = (id: string, format: 'xlsx' | 'csv' = 'xlsx') =>
  `/api/v1/releases/${id}/download?format=${format}`;
