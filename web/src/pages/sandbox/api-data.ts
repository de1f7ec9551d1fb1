import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, csrf, request, type ApiErrorBody } from '../../api/request';
import type { ApiOk, ApiQuery } from '../../api/types';

// Imports (入域, SBX-11) and the watermarked result viewer (SBX-10): typed from the server's views.
export type WorkspaceImport = ApiOk<'/workspaces/{id}/imports/{importId}'>;
export type ImportList = ApiOk<'/workspaces/{id}/imports'>;
export type ResultPage = ApiOk<'/workspaces/{id}/jobs/{jobId}/viewer'>;
export type ViewerQuery = ApiQuery<'/workspaces/{id}/jobs/{jobId}/viewer'>;

/** The lawful bases the server accepts (imports/model.ts LAWFUL_BASES). */
export const LAWFUL_BASES = ['own_business', 'contract', 'consent', 'public_disclosure', 'statutory_duty'] as const;

export const dataKeys = {
  imports: (ws: string) => ['sandbox', 'imports', ws] as const,
  viewer: (ws: string, job: string, offset: number, limit: number) =>
    ['sandbox', 'viewer', ws, job, offset, limit] as const,
};

export const useImports = (ws: string) =>
  useQuery({ queryKey: dataKeys.imports(ws), queryFn: () => request<ImportList>(`/workspaces/${ws}/imports`) });

/** One page of a result, decrypted for this viewer with its watermark; never cached across users or kept. */
export const useResultPage = (ws: string, job: string | null, offset: number, limit: number) =>
  useQuery({
    queryKey: dataKeys.viewer(ws, job ?? '', offset, limit),
    enabled: !!job,
    gcTime: 0,
    queryFn: () =>
      request<ResultPage>(`/workspaces/${ws}/jobs/${job}/viewer`, { query: { offset, limit } satisfies ViewerQuery }),
  });

export interface NewImport {
  name: string;
  sourceBasis: string;
  sourceDescription: string;
  sourceReference?: string;
  file: File;
}

/** multipart/form-data: the fields first, then the file (the server reads the source before the file). */
async function postImport(ws: string, v: NewImport): Promise<WorkspaceImport> {
  const form = new FormData();
  form.append('name', v.name);
  form.append('sourceBasis', v.sourceBasis);
  form.append('sourceDescription', v.sourceDescription);
  if (v.sourceReference) form.append('sourceReference', v.sourceReference);
  form.append('file', v.file);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrf.get();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(buildUrl(`/workspaces/${ws}/imports`), {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error ?? { code: 'INTERNAL', message_zh: '导入失败', message_en: 'Import failed' },
    );
  return body as WorkspaceImport;
}

export function useImportData(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: NewImport) => postImport(ws, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: dataKeys.imports(ws) }),
  });
}
