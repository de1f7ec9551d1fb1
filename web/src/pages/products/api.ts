import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiPathParams, ApiQuery, Refine } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
// The product views carry form, category, unit and state as plain strings; the enums come from the inputs.
export type ProductForm = ApiBody<'/products'>['form'];
export type DeliveryMode = ApiBody<'/products'>['deliveryModes'][number];
export type ProductCategory = NonNullable<ApiQuery<'/public/products'>['category']>;
export type ChargingUnit = ApiBody<'/fee-caps'>['chargingUnit'];
export type CheckCode = CheckLine['code'];
export type CheckResult = CheckLine['result'];
export type ReviewDecision = ApiBody<'/products/{id}/reviews/decision'>['decision'];
export type FilingAction = ApiPathParams<'/price-filings/{id}/{action}'>['action'];
export type PublicQuery = ApiQuery<'/public/products'>;
export type PublicProduct = Refine<ApiItem<'/public/products'>, { form: ProductForm; category: ProductCategory }>;
export type PublicPrice = ApiItem<'/public/prices'>;
/** A live product's public page: the catalogue item plus terms and the used fields by name and value type. */
export type PublicProductDetail = Refine<
  ApiOk<'/public/products/{id}'>,
  { form: ProductForm; category: ProductCategory }
>;
export type SchemaField = PublicProductDetail['sampleSchema'][number];
export type ProductItem = ApiItem<'/products'>;
export type ProductDetail = ApiOk<'/products/{id}'>;
export type Review = ProductDetail['reviews'][number];
export type CheckLine = Review['items'][number];
export type FeeCap = ApiItem<'/fee-caps'>;
export type PriceFiling = ApiItem<'/price-filings'>;
export type RegistrationInput = ApiBody<'/product-registrations'>;
export type NewProduct = ApiBody<'/products'>;
export interface ProductQuery {
  state?: string;
  page?: number;
  pageSize?: number;
}

// ---- Query-key factory ----
export const productKeys = {
  all: ['products'] as const,
  publicProducts: (q: PublicQuery) => [...productKeys.all, 'public', q] as const,
  publicPrices: () => [...productKeys.all, 'publicPrices'] as const,
  publicProduct: (id: string) => [...productKeys.all, 'publicProduct', id] as const,
  list: (q: ProductQuery) => [...productKeys.all, 'list', q] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
  feeCaps: () => [...productKeys.all, 'feeCaps'] as const,
  filings: () => [...productKeys.all, 'filings'] as const,
  service: (id: string) => [...productKeys.all, 'service', id] as const,
};

// ---- Fetchers ----
export const productApi = {
  publicProducts: (q: PublicQuery) =>
    request<ApiOk<'/public/products'>>('/public/products', { query: { ...q } }) as Promise<{
      items: PublicProduct[];
      total: number;
      page: number;
      pageSize: number;
    }>,
  publicPrices: () => request<ApiOk<'/public/prices'>>('/public/prices'),
  publicProduct: (id: string) => request<PublicProductDetail>(`/public/products/${id}`),
  list: (q: ProductQuery) => request<ApiOk<'/products'>>('/products', { query: { ...q } }),
  detail: (id: string) => request<ProductDetail>(`/products/${id}`),
  /** PM-02: the sandbox data service a data service/API product answers through (its reader decides who sees it). */
  service: (id: string) => request<ApiOk<'/services/{id}'>>(`/services/${id}`),
  create: (body: NewProduct) => request<ApiOk<'/products', 'post'>>('/products', { method: 'POST', body }),
  submit: (id: string) => request<ApiOk<'/products/{id}/submit', 'post'>>(`/products/${id}/submit`, { method: 'POST' }),
  decide: (id: string, body: ApiBody<'/products/{id}/reviews/decision'>) =>
    request<ApiOk<'/products/{id}/reviews/decision', 'post'>>(`/products/${id}/reviews/decision`, {
      method: 'POST',
      body,
    }),
  register: (body: RegistrationInput) =>
    request<ApiOk<'/product-registrations', 'post'>>('/product-registrations', { method: 'POST', body }),
  feeCaps: () => request<ApiOk<'/fee-caps'>>('/fee-caps'),
  filings: () => request<ApiOk<'/price-filings'>>('/price-filings'),
};

// ---- Hooks ----
export const usePublicProducts = (q: PublicQuery) =>
  useQuery({
    queryKey: productKeys.publicProducts(q),
    queryFn: () => productApi.publicProducts(q),
    placeholderData: keepPreviousData,
  });
/** A live product's public page (no login); 404 when it is not (or no longer) listed. */
export const usePublicProduct = (id: string) =>
  useQuery({
    queryKey: productKeys.publicProduct(id),
    queryFn: () => productApi.publicProduct(id),
    enabled: !!id,
    retry: false,
  });
export const usePublicPrices = () =>
  useQuery({ queryKey: productKeys.publicPrices(), queryFn: productApi.publicPrices });
export const useProducts = (q: ProductQuery) =>
  useQuery({ queryKey: productKeys.list(q), queryFn: () => productApi.list(q), placeholderData: keepPreviousData });
/** A product the caller may read; a buyer outside the product's jurisdiction gets 404, shown as "no details". */
export const useProduct = (id: string | null, enabled = true) =>
  useQuery({
    queryKey: productKeys.detail(id ?? ''),
    queryFn: () => productApi.detail(id ?? ''),
    enabled: !!id && enabled,
    retry: false,
  });
export const useBoundService = (id: string | null) =>
  useQuery({
    queryKey: productKeys.service(id ?? ''),
    queryFn: () => productApi.service(id ?? ''),
    enabled: !!id,
    retry: false,
  });
export const useFeeCaps = () => useQuery({ queryKey: productKeys.feeCaps(), queryFn: productApi.feeCaps });
export const useFilings = () => useQuery({ queryKey: productKeys.filings(), queryFn: productApi.filings });

function useInvalidating<A>(fn: (a: A) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: productKeys.all }) });
}
export const useCreateProduct = () => useInvalidating((body: NewProduct) => productApi.create(body));
export const useSubmitProduct = () => useInvalidating((id: string) => productApi.submit(id));
export const useDecideReview = () =>
  useInvalidating((a: { id: string; decision: ReviewDecision; reason: string | null }) =>
    productApi.decide(a.id, { decision: a.decision, reason: a.reason }),
  );
export const useRegisterProduct = () => useInvalidating((body: RegistrationInput) => productApi.register(body));

/**
 * Names for the org and product ids the pricing views carry: the orgs and products the caller may list, plus its
 * own org. An id the caller may not read stays unnamed (shown as "another organisation"), never as a raw id.
 */
export function useNames(own: { id: string; nameZh: string } | undefined) {
  const orgs = useQuery({
    queryKey: [...productKeys.all, 'orgNames'],
    queryFn: () => request<ApiOk<'/orgs'>>('/orgs', { query: { pageSize: 500 } }),
    retry: false,
  });
  const products = useProducts({ pageSize: 500 });
  const org = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.nameZh]));
  if (own) org.set(own.id, own.nameZh);
  const product = new Map((products.data?.items ?? []).map((p) => [p.id, p.name]));
  return { org: (id: string) => org.get(id), product: (id: string | null) => (id ? product.get(id) : undefined) };
}
export type CheckItemsInput = ApiBody<'/products/{id}/reviews/items'>;
export type ManualCheck = CheckItemsInput['items'][number];
export const useCheckItems = () =>
  useInvalidating((a: { id: string; body: CheckItemsInput }) =>
    request<ApiOk<'/products/{id}/reviews/items', 'post'>>(`/products/${a.id}/reviews/items`, {
      method: 'POST',
      body: a.body,
    }),
  );
export type PriceFilingInput = ApiBody<'/price-filings'>;
export type PricingMethod = PriceFilingInput['pricingMethod'];
export const useFilePrice = () =>
  useInvalidating((body: PriceFilingInput) =>
    request<ApiOk<'/price-filings', 'post'>>('/price-filings', { method: 'POST', body }),
  );
export const useDecideFiling = () =>
  useInvalidating((a: { id: string; action: FilingAction; reason: string | null }) =>
    request<ApiOk<'/price-filings/{id}/{action}', 'post'>>(`/price-filings/${a.id}/${a.action}`, {
      method: 'POST',
      body: { reason: a.reason },
    }),
  );
