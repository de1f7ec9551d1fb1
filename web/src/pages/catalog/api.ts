import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, csrf, request, type ApiErrorBody } from '../../api/request';

// ---- Types (mirror server/src/contexts/catalog/views.ts) ----
export type Grade = 'general' | 'important' | 'core';
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface ResourceItem {
  id: string;
  resourceCode: string;
  nameZh: string;
  summary: string;
  keywords: string[];
  sourceUnitId: string;
  sourceUnitName: string | null;
  domain: string;
  grade: Grade | null;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  openClass: string;
  shareClass: string;
  registrationStatus: string;
  registrationCode: string | null;
  catalogTypes: string[];
  state: string;
  version: number;
  rank: number;
  updatedAt: string;
}
export interface FieldClassification {
  status: string;
  grade?: Grade;
  category?: string;
  personalInfo?: boolean;
  sensitivePersonalInfo?: boolean;
  sensitiveCategory?: string | null;
}
export interface Field {
  id: string;
  seq: number;
  code: string;
  nameZh: string;
  valueType: string;
  identifierKind: string | null;
  classification: FieldClassification;
  maskedExamples: string[];
  registered: boolean;
}
export interface Detection {
  id: string;
  fieldId: string | null;
  column: string;
  detector: string;
  sampleSize: number;
  matches: number;
  matchRatio: number;
  checksumPassRatio: number | null;
  headerKeywordHit: boolean;
  confidence: number;
  suggested: {
    grade: Grade;
    personalInfo: boolean;
    sensitivePersonalInfo: boolean;
    sensitiveCategory: string | null;
    category: string;
  };
  maskedExamples: string[];
  status: string;
  rejectReason: string | null;
}
export interface SnapshotColumn {
  name: string;
  inferredType: string;
  fieldId: string;
  nullRate: number;
  distinctCount: number;
  distinctApprox?: boolean;
  formatViolations: number;
}
export interface Snapshot {
  id: string;
  snapshotVersion: number;
  sourceFormat: string;
  sm3: string;
  rows: number | null;
  bytes: number | null;
  columns: SnapshotColumn[];
  uploadedAt: string;
  status: string;
}
export interface HistoryItem {
  id: string;
  objectType: string;
  eventType: string;
  from: string | null;
  to: string | null;
  occurredAt: string;
  actor: { userId?: string | null };
}
export interface Resource extends Omit<ResourceItem, 'rank' | 'sourceUnitName' | 'grade'> {
  sourceUnitName: string;
  dataType: string;
  openMode: string | null;
  format: string;
  updateFrequency: string;
  volume: { records: number; bytes: number; asOf: string } | null;
  classification: FieldClassification & { aggregationUplift?: boolean };
  fields: Field[];
  detections: Detection[];
  snapshots: Snapshot[];
  history: HistoryItem[];
  registrations: {
    id: string;
    type: string;
    state: string;
    registrationCode: string | null;
    clocks: Record<string, string>;
    decision?: { result?: string; reasons?: string } | null;
    deficiencies?: string[] | null;
    abilities: { resubmit: boolean };
  }[];
  abilities: Record<string, boolean>;
}
export interface ResourceQuery {
  q?: string;
  sourceUnitId?: string;
  grade?: string;
  openClass?: string;
  registrationStatus?: string;
  state?: string;
  page?: number;
  pageSize?: number;
}
export interface Registration {
  id: string;
  type: string;
  resourceId: string;
  resourceName: string;
  state: string;
  registrationCode: string | null;
  submittedAt: string | null;
  clocks: Record<string, string | null | undefined>;
  publicSummary: Record<string, unknown>;
  updatedAt: string;
}
export interface PublicRegistration {
  id: string;
  type: string;
  state: string;
  registrationCode: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  summary: {
    name: string;
    summary: string;
    sourceUnit: string;
    fieldNames: string[];
    updateFrequency: string;
    resourceCode: string;
  };
}
export interface Transitioned {
  id: string;
  state: string;
  version: number;
}
export interface Material {
  kind: string;
  fileRef: string;
  sm3Hash?: string;
}
/** The filing as frozen at submission (server views.ts presentDossier): what the registry reviewer decides on. */
export interface Dossier {
  resource: {
    resourceCode: string;
    nameZh: string;
    summary: string;
    keywords: string[];
    sourceUnitName: string;
    domain: string;
    dataType: string;
    openMode: string | null;
    format: string;
    updateFrequency: string;
    shareClass: string;
    shareConditions: string | null;
    shareBasis: string | null;
    openClass: string;
    openConditions: string | null;
    openBasis: string | null;
    grade: Grade | null;
    category: string | null;
    personalInfo: boolean;
    sensitivePersonalInfo: boolean;
    version: number;
  };
  fields: {
    id: string;
    seq: number;
    code: string;
    nameZh: string;
    valueType: string;
    grade: Grade | null;
    category: string | null;
    personalInfo: boolean;
    sensitivePersonalInfo: boolean;
    sensitiveCategory: string | null;
  }[];
  snapshot: { version: number; sm3: string; rows: number | null } | null;
}
export interface RegistrationDetail extends Registration {
  registrantOrgId: string;
  materials: Material[];
  decision: { result?: string; reasons?: string } | null;
  deficiencies: string[] | null;
  dossier: Dossier | null;
  objections: {
    id: string;
    kind: string;
    state: string;
    description: string;
    dueAt: string | null;
    createdAt: string;
  }[];
  abilities: {
    accept: boolean;
    notAccept: boolean;
    return: boolean;
    startReview: boolean;
    postPublicity: boolean;
    reject: boolean;
  };
}
export interface ResourceCreate {
  nameZh: string;
  summary: string;
  keywords: string[];
  domain: string;
  dataType: string;
  openMode?: string;
  format: string;
  updateFrequency: string;
  shareClass: string;
  shareConditions?: string;
  shareBasis?: string;
  openClass: string;
  openConditions?: string;
  openBasis?: string;
  fields: { code: string; nameZh: string; valueType: string }[];
}
export interface ImportResult {
  created: number;
  ids: string[];
  errors: unknown[];
  errorWorkbook: string | null;
}
export const importCatalog = (file: File, onProgress: (pct: number) => void) =>
  uploadFile<ImportResult>('/catalog/import', file, onProgress);
export interface DataRequestItem {
  id: string;
  kind: 'share' | 'open';
  requesterOrgId: string;
  requesterName: string | null;
  resourceId: string;
  resourceName: string;
  fieldIds: string[];
  body: {
    scenario?: string;
    purpose?: string;
    dutyBasis?: string;
    accessMode?: string;
    period?: { from: string; to: string };
  };
  clocks: Record<string, string> | null;
  decision: { result?: string; reasons?: string | null; legalBasis?: string | null } | null;
  overdue: boolean;
  state: string;
  abilities: { decide: boolean };
}
export interface ChangeRequestItem {
  id: string;
  type: string;
  state: string;
  catalog_type: string;
  reason: string | null;
  diff: { op: string; path: string; value?: unknown }[];
  created_at: string;
  resource_name: string;
  target_resource_id: string;
  abilities: { consent: boolean; refuse: boolean; apply: boolean };
}
export interface ObjectionInput {
  kind: 'registration_publicity';
  filerName: string;
  filerMobile: string;
  description: string;
  requestedAction?: string;
}
export interface ClassificationInput {
  category: string;
  grade: Grade;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  sensitiveCategory?: string;
  overrideReason?: string;
  upliftReason?: string;
}
export type RegistryAction =
  | 'accept'
  | 'not_accept'
  | 'return'
  | 'resubmit'
  | 'start_review'
  | 'post_publicity'
  | 'reject';

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
  create: (v: ResourceCreate) => request<{ id: string }>('/resources', { body: v }),
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
  action: (id: string, action: string, reason?: string) =>
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
    request<{ id: string; state: string }>(`/public/registrations/${registrationId}/objections`, {
      body: o,
      redirectOn401: false,
    }),
  dataRequests: () => request<Page<DataRequestItem>>('/data-requests', { query: { pageSize: 100 } }),
  decideRequest: (id: string, action: 'approve' | 'refuse', v: { reason?: string; legalBasis?: string }) =>
    request<Transitioned>(`/data-requests/${id}/${action}`, { body: v }),
  changeRequests: () => request<Page<ChangeRequestItem>>('/change-requests', { query: { pageSize: 100 } }),
  decideChange: (id: string, action: 'consent' | 'refuse' | 'apply', reason?: string) =>
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
): Promise<{ rows: number; detections: number }> {
  return uploadFile(`/resources/${resourceId}/snapshots`, file, onProgress);
}

/** A registration material stored in the controlled store with its SM3 (issue 14); the filing carries fileRef + sm3Hash. */
export interface UploadedMaterial {
  fileRef: string;
  sm3Hash: string;
  bytes: number;
  name: string;
}
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
