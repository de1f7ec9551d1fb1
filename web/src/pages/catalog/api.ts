import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, csrf, request, type ApiErrorBody } from '../../api/request';
import type { ApiBody, ApiItem, ApiOk, ApiPathParams, ApiQuery, Refine } from '../../api/types';

// ---- Types: generated from the server's views (web/src/api/schema.ts, `npm run api:types`; issue 13) ----
// Where a view declares a jsonb column as `unknown`, `Refine` narrows it to the shape the server writes there.
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Clocks = Record<string, string | null | undefined>;
type Decision = { result?: string; reasons?: string | null; legalBasis?: string | null } | null;

export type ResourceItem = Refine<ApiItem<'/resources'>, { grade: Grade | null }>;
export type ResourceQuery = ApiQuery<'/resources'>;
export type Grade = NonNullable<ResourceQuery['grade']>;
export type RegistrationStatus = NonNullable<ResourceQuery['registrationStatus']>;
type ResourceView = ApiOk<'/resources/{id}'>;
export type FieldClassification = Refine<ResourceView['classification'], { grade?: Grade | null }>;
export type Field = Refine<ResourceView['fields'][number], { classification: FieldClassification }>;
export type Detection = Refine<
  ResourceView['detections'][number],
  {
    suggested: {
      grade: Grade;
      personalInfo: boolean;
      sensitivePersonalInfo: boolean;
      sensitiveCategory: string | null;
      category: string;
    };
    maskedExamples: string[];
  }
>;
export interface SnapshotColumn {
  name: string;
  inferredType: string;
  fieldId: string;
  nullRate: number;
  distinctCount: number;
  distinctApprox?: boolean;
  formatViolations: number;
}
export type Snapshot = Refine<ResourceView['snapshots'][number], { columns: SnapshotColumn[] }>;
export type HistoryItem = Refine<ResourceView['history'][number], { actor: { userId?: string | null } }>;
export type Resource = Refine<
  ResourceView,
  {
    classification: FieldClassification;
    fields: Field[];
    detections: Detection[];
    snapshots: Snapshot[];
    history: HistoryItem[];
    volume: { records: number; bytes: number; asOf: string } | null;
    registrations: Refine<
      ResourceView['registrations'][number],
      { clocks: Clocks; decision?: Decision; deficiencies?: string[] | null }
    >[];
  }
>;
export type Material = NonNullable<ApiBody<'/registrations'>['materials']>[number];
type RegistrationJson = {
  clocks: Clocks;
  decision: Decision;
  deficiencies: string[] | null;
  materials: Material[];
  publicSummary: Record<string, unknown>;
};
export type Registration = Refine<ApiItem<'/registrations'>, RegistrationJson>;
type RegistrationView = ApiOk<'/registrations/{id}'>;
/** The filing as frozen at submission (server presentDossier): what the registry reviewer decides on. */
type DossierView = NonNullable<RegistrationView['dossier']>;
export type Dossier = Refine<
  DossierView,
  {
    resource: Refine<DossierView['resource'], { grade: Grade | null }>;
    fields: Refine<DossierView['fields'][number], { grade: Grade | null }>[];
  }
>;
export type RegistrationDetail = Refine<RegistrationView, RegistrationJson & { dossier: Dossier | null }>;
export type PublicRegistration = Refine<
  ApiItem<'/public/registrations'>,
  {
    summary: {
      name: string;
      summary: string;
      sourceUnit: string;
      fieldNames: string[];
      updateFrequency: string;
      resourceCode: string;
    };
  }
>;
export type Transitioned = ApiOk<'/resources/{id}/{action}', 'post'>;
export type ResourceCreate = ApiBody<'/resources'>;
export type ImportResult = ApiOk<'/catalog/import', 'post'>;
export type DataRequestItem = Refine<
  ApiItem<'/data-requests'>,
  {
    kind: 'share' | 'open';
    body: {
      scenario?: string;
      purpose?: string;
      dutyBasis?: string;
      accessMode?: string;
      period?: { from: string; to: string };
    };
    clocks: Clocks | null;
    decision: Decision;
  }
>;
export type ChangeRequestItem = Refine<
  ApiItem<'/change-requests'>,
  { diff: { op: string; path: string; value?: unknown }[] }
>;
export type ObjectionInput = ApiBody<'/public/registrations/{id}/objections'>;
export type ClassificationInput = ApiBody<'/resources/{id}/classification'>;
export type RegistryAction = ApiPathParams<'/registrations/{id}/{action}'>['action'];
export type ResourceAction = ApiPathParams<'/resources/{id}/{action}'>['action'];
export type ChangeAction = ApiPathParams<'/change-requests/{id}/{action}'>['action'];
/** Server enums, as POST /resources declares them. */
export type DataType = ResourceCreate['dataType'];
export type ResourceFormat = ResourceCreate['format'];
export type OpenClass = ResourceCreate['openClass'];
export type ShareClass = ResourceCreate['shareClass'];
export type OpenMode = NonNullable<ResourceCreate['openMode']>;
export type UpdateFrequency = ResourceCreate['updateFrequency'];
export type SensitiveCategory = NonNullable<ClassificationInput['sensitiveCategory']>;
export type ValueType = NonNullable<ResourceCreate['fields']>[number]['valueType'];
export const importCatalog = (file: File, onProgress: (pct: number) => void) =>
  uploadFile<ImportResult>('/catalog/import', file, onProgress);

// ---- Query-key factory: the only source of catalog cache keys ----
export const catalogKeys = {
  all: ['catalog'] as const,
  resources: () => [...catalogKeys.all, 'resources'] as const,
  list: (q: ResourceQuery) => [...catalogKeys.resources(), 'list', q] as const,
  detail: (id: string) => [...catalogKeys.resources(), 'detail', id] as const,
  registrations: (state?: string) => [...catalogKeys.all, 'registrations', state ?? 'all'] as const,
  publicRegistrations: () => [...catalogKeys.all, 'public-registrations'] as const,
  dataRequests: () => [...catalogKeys.all, 'data-requests'] as const,
  changeRequests: () => [...catalogKeys.all, 'change-requests'] as const,
  registration: (id: string) => [...catalogKeys.all, 'registration', id] as const,
};

// ---- Fetchers ----
export const catalogApi = {
  list: (q: ResourceQuery) =>
    request<Page<ResourceItem> & { abilities?: { create: boolean; import: boolean } }>('/resources', {
      query: { ...q },
    }),
  create: (v: ResourceCreate) => request<ApiOk<'/resources', 'post'>>('/resources', { body: v }),
  /** The catalog as Excel (GET /catalog/export, the current filter). */
  exportCatalog: async (q: ResourceQuery): Promise<Blob> => {
    const res = await fetch(buildUrl('/catalog/export', { ...q, page: undefined, pageSize: undefined }), {
      credentials: 'same-origin',
    });
    if (!res.ok)
      throw new ApiError(
        res.status,
        ((await res.json().catch(() => null)) as { error?: ApiErrorBody } | null)?.error ?? {
          code: 'INTERNAL',
          message_zh: '导出失败',
          message_en: 'Export failed',
        },
      );
    return res.blob();
  },
  detail: (id: string) => request<Resource>(`/resources/${id}`),
  action: (id: string, action: ResourceAction, reason?: string) =>
    request<Transitioned>(`/resources/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {} }),
  classifyField: (id: string, fieldId: string, c: ClassificationInput) =>
    request<Transitioned>(`/resources/${id}/fields/${fieldId}/classification`, { body: c }),
  classifyResource: (id: string, c: ClassificationInput) =>
    request<Transitioned>(`/resources/${id}/classification`, { body: c }),
  reviewDetection: (detectionId: string, decision: 'accept' | 'reject', reason?: string) =>
    request<Transitioned>(`/detections/${detectionId}/review`, { body: { decision, reason } }),
  register: (resourceId: string, materials: Material[]) =>
    request<Transitioned>('/registrations', {
      body: {
        resourceId,
        type: 'first',
        materials,
        declarations: { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true },
      },
    }),
  registrations: (state?: string) => request<Page<Registration>>('/registrations', { query: { state, pageSize: 100 } }),
  registration: (id: string) => request<RegistrationDetail>(`/registrations/${id}`),
  registryAction: (id: string, action: RegistryAction, reason?: string, deficiencies?: string[]) =>
    request<Transitioned>(`/registrations/${id}/${action}`, {
      method: 'POST',
      body: { ...(reason ? { reason } : {}), ...(deficiencies?.length ? { deficiencies } : {}) },
    }),
  fileObjection: (registrationId: string, o: ObjectionInput) =>
    request<ApiOk<'/public/registrations/{id}/objections', 'post'>>(
      `/public/registrations/${registrationId}/objections`,
      {
        body: o,
        redirectOn401: false,
      },
    ),
  dataRequests: () => request<Page<DataRequestItem>>('/data-requests', { query: { pageSize: 100 } }),
  decideRequest: (id: string, action: 'approve' | 'refuse', v: { reason?: string; legalBasis?: string }) =>
    request<Transitioned>(`/data-requests/${id}/${action}`, { body: v }),
  changeRequests: () => request<Page<ChangeRequestItem>>('/change-requests', { query: { pageSize: 100 } }),
  decideChange: (id: string, action: ChangeAction, reason?: string) =>
    request<Transitioned>(`/change-requests/${id}/${action}`, { body: reason ? { reason } : {} }),
  publicRegistrations: () =>
    request<Page<PublicRegistration>>('/public/registrations', { query: { pageSize: 100 }, redirectOn401: false }),
};

/**
 * Streams a file to the snapshot endpoint with XMLHttpRequest so the page can show upload
 * progress (fetch has no upload progress events). Errors come back as ApiError like request().
 */
export function uploadSnapshot(
  resourceId: string,
  file: File,
  onProgress: (pct: number) => void,
): Promise<ApiOk<'/resources/{id}/snapshots', 'post'>> {
  return uploadFile(`/resources/${resourceId}/snapshots`, file, onProgress);
}

/** A registration material stored in the controlled store with its SM3 (issue 14); the filing carries fileRef + sm3Hash. */
export type UploadedMaterial = ApiOk<'/registration-materials', 'post'>;
export const uploadMaterial = (file: File, onProgress: (pct: number) => void) =>
  uploadFile<UploadedMaterial>('/registration-materials', file, onProgress);
/** The reviewer's link to a filed material (served only to the registrant and the registry). */
export const materialUrl = (registrationId: string, index: number) =>
  buildUrl(`/registrations/${registrationId}/materials/${index}`);

function uploadFile<T>(path: string, file: File, onProgress: (pct: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    const token = csrf.get();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: { error?: ApiErrorBody } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* non-JSON answer */
      }
      if (xhr.status >= 200 && xhr.status < 300)
        resolve(body as T); // the upload route's answer, not checked here
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error ?? { code: 'INTERNAL', message_zh: '上传失败', message_en: 'Upload failed' },
          ),
        );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, { code: 'NETWORK', message_zh: '网络错误', message_en: 'Network error' }));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

// ---- Hooks ----
export const useResources = (q: ResourceQuery) =>
  useQuery({ queryKey: catalogKeys.list(q), queryFn: () => catalogApi.list(q), placeholderData: keepPreviousData });
export const useResource = (id: string) =>
  useQuery({ queryKey: catalogKeys.detail(id), queryFn: () => catalogApi.detail(id) });
export const useRegistrations = (state?: string) =>
  useQuery({ queryKey: catalogKeys.registrations(state), queryFn: () => catalogApi.registrations(state) });
export const useRegistration = (id: string | null) =>
  useQuery({
    queryKey: catalogKeys.registration(id ?? ''),
    queryFn: () => catalogApi.registration(id!),
    enabled: !!id,
  });
export const useDataRequests = () =>
  useQuery({ queryKey: catalogKeys.dataRequests(), queryFn: catalogApi.dataRequests });
export const useChangeRequests = () =>
  useQuery({ queryKey: catalogKeys.changeRequests(), queryFn: catalogApi.changeRequests });
export const usePublicRegistrations = () =>
  useQuery({ queryKey: catalogKeys.publicRegistrations(), queryFn: catalogApi.publicRegistrations });

/** Any write on a resource refreshes that resource and the lists. */
export function useResourceMutation<V>(id: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: catalogKeys.detail(id) }),
        qc.invalidateQueries({ queryKey: catalogKeys.resources() }),
      ]),
  });
}

export function useRegistryAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: RegistryAction; reason?: string; deficiencies?: string[] }) =>
      catalogApi.registryAction(v.id, v.action, v.reason, v.deficiencies),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}
