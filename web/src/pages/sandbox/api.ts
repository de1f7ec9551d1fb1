import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';

// ---- Types (mirror server/src/contexts/sandbox/usecases/*.ts present* functions) ----
export interface ViewField {
  name: string;
  code: string;
  grade: string;
  personalInfo: boolean;
  directIdentifier: boolean;
  method: string;
}
export interface Workspace {
  id: string;
  status: string;
  nameZh: string;
  holderOrgId: string;
  grantId: string;
  grantNo: string | null;
  seats: { userId: string; addedAt?: string }[];
  createdAt?: string;
  limits: Record<string, number>;
  views: {
    name: string;
    dataResourceId: string;
    snapshotVersion: number | null;
    refreshedAt: string;
    fields: ViewField[];
  }[];
}
export interface Failure {
  ruleId: string;
  code: string;
  params?: Record<string, unknown>;
  message?: string;
  message_en?: string;
}
export interface Job {
  id: string;
  status: string;
  sqlText: string;
  sqlSm3: string;
  rejectCode: string | null;
  limit: string | null;
  failures: Failure[];
  durationMs: number | null;
  rowsOut: number | null;
  resultTable: string | null;
  resultSm3: string | null;
  columns: { name: string; type: string }[] | null;
  preview: unknown[][] | null;
  createdAt: string;
}
export interface AutoCheck {
  check: string;
  result: 'pass' | 'modified' | 'fail';
  detail: Record<string, unknown>;
}
export interface Egress {
  id: string;
  status: string;
  workspaceId: string;
  requesterOrgId: string;
  recipientOrgId: string;
  sourceJobIds: string[];
  outputKind: string;
  declaredUse: string;
  justification: string;
  autoChecks: AutoCheck[];
  failures: Failure[];
  suppressedRows: number | null;
  epsilonSpent: number | null;
  artifact: { format: string; sizeBytes: number; sm3: string; rows: number } | null;
  reviews: { reviewerId: string; decision: string; reason: string; at: string }[];
  reviewDueAt: string | null;
  createdAt: string;
  release: {
    fingerprintSm3: string;
    xlsxSm3?: string | null;
    watermarkCode: string;
    linkExpiresAt: string;
    downloads: unknown[];
  } | null;
  requesterOrgName?: string | null;
  recipientOrgName?: string | null;
  requesterName?: string | null;
  reviewerNames?: Record<string, string | null>;
  sql?: string | null;
  lineage?: { jobId: string; sqlSm3: string; resultSm3: string | null; viewVersions: unknown } | null;
  preview?: string[] | null;
}
export interface NewEgress {
  workspaceId: string;
  sourceJobId: string;
  outputKind: string;
  declaredUse: string;
  recipientOrgId?: string;
  justification: string;
}

export const sandboxKeys = {
  workspaces: () => ['sandbox', 'workspaces'] as const,
  workspace: (id: string) => ['sandbox', 'workspace', id] as const,
  jobs: (id: string) => ['sandbox', 'jobs', id] as const,
  job: (ws: string, id: string) => ['sandbox', 'job', ws, id] as const,
  egressList: (state?: string) => ['sandbox', 'egress', 'list', state ?? ''] as const,
  egress: (id: string) => ['sandbox', 'egress', id] as const,
};

export const useWorkspaces = () =>
  useQuery({ queryKey: sandboxKeys.workspaces(), queryFn: () => request<{ items: Workspace[] }>('/workspaces') });
export const useWorkspace = (id: string) =>
  useQuery({ queryKey: sandboxKeys.workspace(id), queryFn: () => request<Workspace>(`/workspaces/${id}`) });
export const useJobs = (id: string) =>
  useQuery({ queryKey: sandboxKeys.jobs(id), queryFn: () => request<{ items: Job[] }>(`/workspaces/${id}/jobs`) });
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
    mutationFn: (b: { grantId: string; seats: string[] }) => request<Workspace>('/workspaces', { body: b }),
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
    queryFn: () => request<{ items: Egress[]; total: number }>('/egress-requests', { query: { state, pageSize: 100 } }),
  });
export const useEgress = (id: string) =>
  useQuery({ queryKey: sandboxKeys.egress(id), queryFn: () => request<Egress>(`/egress-requests/${id}`) });

export function useRequestEgress() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: NewEgress) => request<Egress>('/egress-requests', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sandbox', 'egress'] }),
  });
}

export function useReviewEgress(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { decision: 'approve' | 'deny' | 'return'; reason: string }) =>
      request<Egress>(`/egress-requests/${id}/reviews`, { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sandbox', 'egress'] }),
  });
}

/** The release file's URL; the browser downloads it with the session cookie (EGR-10: bound to the recipient's login). */
export const releaseUrl = (id: string, format: 'xlsx' | 'csv' = 'xlsx') =>
  `/api/v1/releases/${id}/download?format=${format}`;
