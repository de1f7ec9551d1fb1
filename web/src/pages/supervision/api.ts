import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`) ----
export type Overview = ApiOk<'/supervision/overview'>;
export type Flows = ApiOk<'/supervision/flows'>;
export type FlowEdge = Flows['edges'][number];
export type TodoItem = ApiOk<'/supervision/todo'>['items'][number];
export type DeskIncident = ApiItem<'/supervision/desk/incidents'>;
export type DeskIncidentDetail = ApiOk<'/supervision/desk/incidents/{id}'>;
export type DeskReport = ApiItem<'/supervision/desk/reports'>;
export type DeskRectification = ApiItem<'/supervision/desk/rectifications'>;
export type DeskBan = ApiItem<'/supervision/desk/bans'>;
export type DeskCredit = ApiItem<'/supervision/desk/credit-records'>;
export type PublicCredit = ApiItem<'/public/credit-records'>;
export type OpenIncidentInput = ApiBody<'/incidents'>;
export type OrderRectificationInput = ApiBody<'/rectifications'>;
export type SubmitReportInput = ApiBody<'/reports/{id}/submit'>;
export type ReviewReportInput = ApiBody<'/reports/{id}/review'>;
export type DecideRectificationInput = ApiBody<'/rectifications/{id}/decide'>;
export type IncidentAction = 'contain' | 'resolve' | 'close';
export type DeskListName = 'incidents' | 'reports' | 'rectifications' | 'bans' | 'credit-records';
export interface DeskQuery {
  state?: string;
  orgId?: string;
}
interface DeskPage<T> {
  items: T[];
  total: number;
}

// ---- Query-key factory: the only source of supervision cache keys ----
export const supervisionKeys = {
  all: ['supervision'] as const,
  overview: () => [...supervisionKeys.all, 'overview'] as const,
  flows: () => [...supervisionKeys.all, 'flows'] as const,
  todo: () => [...supervisionKeys.all, 'todo'] as const,
  list: (name: DeskListName, q: DeskQuery) => [...supervisionKeys.all, 'list', name, q] as const,
  incident: (id: string) => [...supervisionKeys.all, 'incident', id] as const,
  report: (id: string) => [...supervisionKeys.all, 'report', id] as const,
  rectification: (id: string) => [...supervisionKeys.all, 'rectification', id] as const,
  publicCredit: () => [...supervisionKeys.all, 'public-credit'] as const,
  grants: () => [...supervisionKeys.all, 'grants'] as const,
  orgs: () => [...supervisionKeys.all, 'orgs'] as const,
};

// ---- Fetchers ----
const desk = <T>(name: DeskListName, q: DeskQuery) =>
  request<DeskPage<T>>(`/supervision/desk/${name}`, { query: { ...q, pageSize: 500 } });

export const supervisionApi = {
  overview: () => request<Overview>('/supervision/overview'),
  flows: () => request<Flows>('/supervision/flows'),
  todo: () => request<ApiOk<'/supervision/todo'>>('/supervision/todo'),
  incidents: (q: DeskQuery) => desk<DeskIncident>('incidents', q),
  reports: (q: DeskQuery) => desk<DeskReport>('reports', q),
  rectifications: (q: DeskQuery) => desk<DeskRectification>('rectifications', q),
  bans: (q: DeskQuery) => desk<DeskBan>('bans', q),
  credit: (q: DeskQuery) => desk<DeskCredit>('credit-records', q),
  incident: (id: string) => request<DeskIncidentDetail>(`/supervision/desk/incidents/${id}`),
  report: (id: string) => request<DeskReport>(`/supervision/desk/reports/${id}`),
  rectification: (id: string) => request<DeskRectification>(`/supervision/desk/rectifications/${id}`),
  publicCredit: () => request<ApiOk<'/public/credit-records'>>('/public/credit-records', { redirectOn401: false }),
  openIncident: (body: OpenIncidentInput) =>
    request<ApiOk<'/incidents', 'post'>>('/incidents', { method: 'POST', body }),
  advanceIncident: (id: string, action: IncidentAction, rootCause?: string) =>
    request<ApiOk<'/incidents/{id}', 'get'>>(`/incidents/${id}/${action}`, {
      method: 'POST',
      body: rootCause ? { rootCause } : {},
    }),
  orderRectification: (body: OrderRectificationInput) =>
    request<ApiOk<'/rectifications', 'post'>>('/rectifications', { method: 'POST', body }),
  submitRectification: (id: string, evidence: string[][]) =>
    request<ApiOk<'/rectifications/{id}/submit', 'post'>>(`/rectifications/${id}/submit`, {
      method: 'POST',
      body: { evidence },
    }),
  decideRectification: (id: string, body: DecideRectificationInput) =>
    request<ApiOk<'/rectifications/{id}/decide', 'post'>>(`/rectifications/${id}/decide`, { method: 'POST', body }),
  submitReport: (id: string, body: SubmitReportInput) =>
    request<ApiOk<'/reports/{id}/submit', 'post'>>(`/reports/${id}/submit`, { method: 'POST', body }),
  reviewReport: (id: string, body: ReviewReportInput) =>
    request<ApiOk<'/reports/{id}/review', 'post'>>(`/reports/${id}/review`, { method: 'POST', body }),
  /** The Grants the reporter may name in an incident: those it holds or works under. */
  grants: () => request<ApiOk<'/grants'>>('/grants', { query: { pageSize: 200 } }),
  orgs: () => request<ApiOk<'/orgs'>>('/orgs', { query: { pageSize: 500 } }),
};

// ---- Hooks ----
export const useOverview = () => useQuery({ queryKey: supervisionKeys.overview(), queryFn: supervisionApi.overview });
export const useFlows = () => useQuery({ queryKey: supervisionKeys.flows(), queryFn: supervisionApi.flows });
/** The to-do answers 403 to non-supervisors; the desk then simply shows none. */
export const useTodo = () => useQuery({ queryKey: supervisionKeys.todo(), queryFn: supervisionApi.todo, retry: false });

export const useDeskIncidents = (q: DeskQuery) =>
  useQuery({ queryKey: supervisionKeys.list('incidents', q), queryFn: () => supervisionApi.incidents(q) });
export const useDeskReports = (q: DeskQuery) =>
  useQuery({ queryKey: supervisionKeys.list('reports', q), queryFn: () => supervisionApi.reports(q) });
export const useDeskRectifications = (q: DeskQuery) =>
  useQuery({ queryKey: supervisionKeys.list('rectifications', q), queryFn: () => supervisionApi.rectifications(q) });
export const useDeskBans = (q: DeskQuery) =>
  useQuery({ queryKey: supervisionKeys.list('bans', q), queryFn: () => supervisionApi.bans(q) });
export const useDeskCredit = (q: DeskQuery) =>
  useQuery({ queryKey: supervisionKeys.list('credit-records', q), queryFn: () => supervisionApi.credit(q) });

export const useIncident = (id: string) =>
  useQuery({ queryKey: supervisionKeys.incident(id), queryFn: () => supervisionApi.incident(id), retry: false });
export const useReport = (id: string) =>
  useQuery({ queryKey: supervisionKeys.report(id), queryFn: () => supervisionApi.report(id), retry: false });
export const useRectification = (id: string) =>
  useQuery({
    queryKey: supervisionKeys.rectification(id),
    queryFn: () => supervisionApi.rectification(id),
    retry: false,
  });
export const usePublicCredit = () =>
  useQuery({ queryKey: supervisionKeys.publicCredit(), queryFn: supervisionApi.publicCredit });
export const useMyGrants = () =>
  useQuery({ queryKey: supervisionKeys.grants(), queryFn: supervisionApi.grants, retry: false });

/** Organization names the caller may list, for pickers (the authority's rectification order). */
export const useOrgs = () => useQuery({ queryKey: supervisionKeys.orgs(), queryFn: supervisionApi.orgs, retry: false });

/**
 * Every supervision write refreshes the whole cache: besides our counts, lists and details it moves other
 * contexts' objects (Grants suspended or resumed, Workspaces frozen) and writes ledger entries the timelines show.
 */
export function useSupervisionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries() });
}
