import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { buildUrl, request } from '../../../api/request';
import type { ApiItem, ApiOk, ApiQuery } from '../../../api/types';
import { rightsKeys } from '../api';

// ---- Types: generated from the server's views (web/src/api/schema.ts) ----
export type DataAsset = ApiItem<'/data-assets'>;
export type DataAssetPage = ApiOk<'/data-assets'>;
export type DataAssetQuery = ApiQuery<'/data-assets'>;
export type Valuation = ApiItem<'/valuations'>;
export type ValuationPage = ApiOk<'/valuations'>;

// ---- Query keys (under the rights factory's root, so invalidating `rightsKeys.all` refreshes them too) ----
export const assetKeys = {
  all: [...rightsKeys.all, 'assets'] as const,
  list: (q: DataAssetQuery) => [...assetKeys.all, 'list', q] as const,
  detail: (id: string) => [...assetKeys.all, 'detail', id] as const,
  valuations: (id: string) => [...assetKeys.all, 'valuations', id] as const,
};

// ---- Fetchers ----
export const assetApi = {
  list: (q: DataAssetQuery) => request<DataAssetPage>('/data-assets', { query: { ...q } }),
  detail: (id: string) => request<ApiOk<'/data-assets/{id}'>>(`/data-assets/${id}`),
  valuations: (dataAssetId: string) => request<ValuationPage>('/valuations', { query: { dataAssetId, pageSize: 200 } }),
  /** The disclosure tables (.xlsx): a plain download, the session cookie authenticates the GET. */
  disclosuresUrl: (year: number) => buildUrl('/accounting/disclosures', { year }),
};

// ---- Hooks ----
export const useDataAssets = (q: DataAssetQuery) =>
  useQuery({ queryKey: assetKeys.list(q), queryFn: () => assetApi.list(q), placeholderData: keepPreviousData });

export const useDataAsset = (id: string) =>
  useQuery({ queryKey: assetKeys.detail(id), queryFn: () => assetApi.detail(id), enabled: !!id });

export const useAssetValuations = (id: string) =>
  useQuery({ queryKey: assetKeys.valuations(id), queryFn: () => assetApi.valuations(id), enabled: !!id });
