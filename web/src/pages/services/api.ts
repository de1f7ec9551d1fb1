import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/request';
import type { ApiBody, ApiOk, Refine } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
/** The template spec is jsonb the server stored from the proposal (POST /services `spec`), read back as written. */
export type ServiceSpec = { sql?: string; params?: { name: string; type: string }[]; groupBy?: string[] };
export type Service = Refine<ApiOk<'/services/{id}'>, { spec: ServiceSpec }>;
export type NewService = ApiBody<'/services'>;
type UsageView = ApiOk<'/service-usage'>;
/** Contracts and calls are rows the server passes through (the view lets extra columns by): the ones the page reads. */
export type Usage = Refine<
  UsageView,
  {
    contracts: (UsageView['contracts'][number] & {
      quota_per_day: number;
      quota_per_month: number;
      term_to: string;
      order_id: string;
    })[];
    items: (UsageView['items'][number] & {
      occurred_at: string;
      input_hmac: string;
      latency_ms: number;
      ledger_seq: number | null;
    })[];
  }
>;
export type CallResult = ApiOk<'/services/{id}/call', 'post'>;

export const serviceKeys = { list: () => ['services', 'list'] as const, usage: () => ['services', 'usage'] as const };

export const useServices = () =>
  useQuery({
    queryKey: serviceKeys.list(),
    queryFn: () => request<Refine<ApiOk<'/services'>, { items: Service[] }>>('/services'),
  });
export const useUsage = () =>
  useQuery({ queryKey: serviceKeys.usage(), queryFn: () => request<Usage>('/service-usage') });

export function useProposeService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: NewService) => request<Service>('/services', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.list() }),
  });
}

export function useApproveService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request<Service>(`/services/${id}/approve`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.list() }),
  });
}

/**
 * The buyer's test console call: the API key goes in `Authorization: Bearer` (identity.md KEY-02),
 * never in a URL and never stored by the page. The session cookie is not sent.
 */
export function useTestCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      serviceId,
      secret,
      body,
    }: {
      serviceId: string;
      secret: string;
      body: ApiBody<'/services/{id}/call'>;
    }) => {
      const res = await fetch(`/api/v1/services/${serviceId}/call`, {
        method: 'POST',
        credentials: 'omit',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new ApiError(res.status, json.error);
      return json as CallResult;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: serviceKeys.usage() }),
  });
}

// Field names are data (the view's Chinese column names), kept here so TSX stays free of literals.
const USCC_FIELD = '统一社会信用代码';
const NAME_FIELD = '企业名称';
/** The 核验 call body for the demo enterprise verification template. */
export const verifyBody = (uscc: string, name: string): Record<string, string> => ({
  [USCC_FIELD]: uscc,
  [NAME_FIELD]: name,
});
/** A verification template spec from a comma-separated field list; the type follows the field's meaning. */
export function verificationSpec(view: string, fields: string): NewService['spec'] {
  const params = fields
    .split(/[,，]/)
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => ({
      name: f,
      field: f,
      type: /信用代码/.test(f) ? ('uscc' as const) : /身份证/.test(f) ? ('id_number' as const) : ('text' as const),
    }));
  return { kind: 'verification' as const, view, params };
}

/** The operator's test console: runs a template with sample parameters inside the Workspace (audited, not metered). */
export function useTestTemplate() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ApiBody<'/services/{id}/test'> }) =>
      request<ApiOk<'/services/{id}/test', 'post'>>(`/services/${id}/test`, { body }),
  });
}
