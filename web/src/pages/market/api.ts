import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiQuery } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`) ----
export type OrderItem = ApiItem<'/orders'>;
export type ContractItem = ApiItem<'/contracts'>;
export type Order = ApiOk<'/orders/{id}'>;
export type Contract = ApiOk<'/contracts/{id}'>;
export type Delivery = ApiItem<'/contracts/{id}/deliveries'>;
export type UsageSeries = ApiOk<'/usage'>;
export type BillItem = ApiItem<'/bills'>;
export type BillVerify = ApiOk<'/settlements/{id}/verify'>;
export type SettlementRuns = ApiOk<'/settlement-runs'>;
export type SettlementRun = ApiOk<'/settlement-runs/{period}'>;
export type RunShare = SettlementRun['shares'][number];
export type SubAccount = SettlementRun['subAccounts'][number];
export type OrderQuery = ApiQuery<'/orders'>;
export type ContractQuery = ApiQuery<'/contracts'>;
export type BillQuery = ApiQuery<'/bills'>;
export type OrderInput = ApiBody<'/orders'>;
export type ContractInput = ApiBody<'/contracts'>;
export type DeliveryInput = ApiBody<'/deliveries'>;
export type DeliveryMode = ContractInput['deliveryMode'];
export type UseCategory = OrderInput['useCategory'];
export type ApiKeySecret = ApiOk<'/orgs/{id}/api-keys', 'post'>;

// ---- Query-key factory ----
export const marketKeys = {
  all: ['market'] as const,
  orders: (q: OrderQuery) => [...marketKeys.all, 'orders', q] as const,
  order: (id: string) => [...marketKeys.all, 'order', id] as const,
  contracts: (q: ContractQuery) => [...marketKeys.all, 'contracts', q] as const,
  deliveries: (contractId: string) => [...marketKeys.all, 'deliveries', contractId] as const,
  usage: (contractId: string, from?: string, to?: string) =>
    [...marketKeys.all, 'usage', contractId, from, to] as const,
  bills: (q: BillQuery) => [...marketKeys.all, 'bills', q] as const,
  verify: (id: string) => [...marketKeys.all, 'verify', id] as const,
  runs: () => [...marketKeys.all, 'runs'] as const,
  run: (period: string) => [...marketKeys.all, 'run', period] as const,
};

// ---- Fetchers ----
export const marketApi = {
  orders: (q: OrderQuery) => request<ApiOk<'/orders'>>('/orders', { query: { ...q } }),
  order: (id: string) => request<Order>(`/orders/${id}`),
  contracts: (q: ContractQuery) => request<ApiOk<'/contracts'>>('/contracts', { query: { ...q } }),
  deliveries: (contractId: string) =>
    request<ApiOk<'/contracts/{id}/deliveries'>>(`/contracts/${contractId}/deliveries`),
  usage: (contractId: string, from?: string, to?: string) =>
    request<UsageSeries>('/usage', { query: { contractId, from, to } }),
  bills: (q: BillQuery) => request<ApiOk<'/bills'>>('/bills', { query: { ...q } }),
  verify: (id: string) => request<BillVerify>(`/settlements/${id}/verify`),
  runs: () => request<SettlementRuns>('/settlement-runs'),
  run: (period: string) => request<SettlementRun>(`/settlement-runs/${period}`),
  placeOrder: (body: OrderInput) => request<ApiOk<'/orders', 'post'>>('/orders', { method: 'POST', body }),
  drawContract: (body: ContractInput) => request<ApiOk<'/contracts', 'post'>>('/contracts', { method: 'POST', body }),
  fileContract: (id: string) =>
    request<ApiOk<'/contracts/{id}/file', 'post'>>(`/contracts/${id}/file`, {
      method: 'POST',
      body: { filedWith: 'platform' },
    }),
  provision: (body: DeliveryInput) => request<ApiOk<'/deliveries', 'post'>>('/deliveries', { method: 'POST', body }),
  settle: (contractId: string, period: string) =>
    request<ApiOk<'/settlements', 'post'>>('/settlements', { method: 'POST', body: { contractId, period } }),
  confirm: (id: string, receivedFen: number) =>
    request<ApiOk<'/settlements/{id}/confirm', 'post'>>(`/settlements/${id}/confirm`, {
      method: 'POST',
      body: { receivedFen },
    }),
  distribute: (id: string) =>
    request<ApiOk<'/settlements/{id}/distribute', 'post'>>(`/settlements/${id}/distribute`, { method: 'POST' }),
  /** The buyer's own API key for one order (identity's key API): the secret is answered once. */
  issueKey: (orgId: string, body: ApiBody<'/orgs/{id}/api-keys'>) =>
    request<ApiKeySecret>(`/orgs/${orgId}/api-keys`, { method: 'POST', body }),
};

/** The contract's Word export is a plain download (the session cookie authenticates the GET). */
export const contractDocxUrl = (id: string) => `/api/v1/contracts/${id}/export.docx`;

// ---- Hooks ----
export const useOrders = (q: OrderQuery) =>
  useQuery({ queryKey: marketKeys.orders(q), queryFn: () => marketApi.orders(q), placeholderData: keepPreviousData });
export const useOrder = (id: string) =>
  useQuery({ queryKey: marketKeys.order(id), queryFn: () => marketApi.order(id), enabled: !!id, retry: false });
export const useContracts = (q: ContractQuery, enabled = true) =>
  useQuery({
    queryKey: marketKeys.contracts(q),
    queryFn: () => marketApi.contracts(q),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useDeliveries = (contractId: string | null | undefined) =>
  useQuery({
    queryKey: marketKeys.deliveries(contractId ?? ''),
    queryFn: () => marketApi.deliveries(contractId ?? ''),
    enabled: !!contractId,
  });
export const useUsage = (contractId: string | undefined, from?: string, to?: string) =>
  useQuery({
    queryKey: marketKeys.usage(contractId ?? '', from, to),
    queryFn: () => marketApi.usage(contractId ?? '', from, to),
    enabled: !!contractId,
    placeholderData: keepPreviousData,
  });
export const useBills = (q: BillQuery) =>
  useQuery({ queryKey: marketKeys.bills(q), queryFn: () => marketApi.bills(q), placeholderData: keepPreviousData });
export const useVerify = (id: string | null) =>
  useQuery({ queryKey: marketKeys.verify(id ?? ''), queryFn: () => marketApi.verify(id ?? ''), enabled: !!id });
export const useRuns = () => useQuery({ queryKey: marketKeys.runs(), queryFn: marketApi.runs });
export const useRun = (period: string | undefined) =>
  useQuery({
    queryKey: marketKeys.run(period ?? ''),
    queryFn: () => marketApi.run(period ?? ''),
    enabled: !!period,
    placeholderData: keepPreviousData,
  });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: marketKeys.all }) });
}
export const usePlaceOrder = () => useInvalidating(marketApi.placeOrder);
export const useDrawContract = () => useInvalidating(marketApi.drawContract);
export const useFileContract = () => useInvalidating(marketApi.fileContract);
export const useProvision = () => useInvalidating(marketApi.provision);
export const useConfirm = () => useInvalidating((a: { id: string; fen: number }) => marketApi.confirm(a.id, a.fen));
export const useDistribute = () => useInvalidating(marketApi.distribute);
export const useIssueKey = () =>
  useMutation({
    mutationFn: (a: { orgId: string; orderId: string; name: string; ipAllowList: string[] }) =>
      marketApi.issueKey(a.orgId, {
        name: a.name,
        scopes: [{ objectType: 'order', objectId: a.orderId, actions: ['data.verify', 'data.query'] }],
        ipAllowList: a.ipAllowList,
      }),
  });
/**
 * A settlement run: bills each pending contract of the period in turn (one transaction each, so one refusal leaves
 * the others billed); answers the refusals by contract.
 */
export function useRunPeriod() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: { period: string; contractIds: string[] }) => {
      const failed: { contractId: string; error: unknown }[] = [];
      for (const id of a.contractIds)
        await marketApi.settle(id, a.period).catch((error: unknown) => failed.push({ contractId: id, error }));
      return failed;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: marketKeys.all }),
  });
}
