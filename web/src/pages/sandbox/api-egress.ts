import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, buildUrl, csrf, request, type ApiErrorBody } from '../../api/request';
import type { ApiItem, ApiOk } from '../../api/types';
import type { DeclaredUse, Egress } from './api';

// Artifact egress (EGR-08) and the source unit's "what left with my data" (EGR-12).

export type ReleaseNotice = ApiItem<'/release-notices'>;
export type ArtifactFinding = NonNullable<Egress['artifact']>['findings'][number];

export const egressArtifactKeys = {
  notices: (page: number) => ['sandbox', 'release-notices', page] as const,
};

export const useReleaseNotices = (page = 1) =>
  useQuery({
    queryKey: egressArtifactKeys.notices(page),
    queryFn: () => request<ApiOk<'/release-notices'>>('/release-notices', { query: { page, pageSize: 100 } }),
  });

export interface NewArtifactEgress {
  workspaceId: string;
  sourceJobId: string;
  outputKind: 'model_file' | 'report_document';
  declaredUse: DeclaredUse;
  justification: string;
  file: File;
}

/** multipart/form-data: the fields first, then the file (the server checks the Workspace before reading the file). */
async function postArtifact(v: NewArtifactEgress): Promise<Egress> {
  const form = new FormData();
  for (const key of ['workspaceId', 'sourceJobId', 'outputKind', 'declaredUse', 'justification'] as const)
    form.append(key, v[key]);
  form.append('file', v.file);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrf.get();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(buildUrl('/egress-requests/artifacts'), {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error ?? { code: 'INTERNAL', message_zh: '提交失败', message_en: 'Submission failed' },
    );
  return body as Egress;
}

export function useRequestArtifactEgress() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postArtifact,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sandbox', 'egress'] }),
  });
}
