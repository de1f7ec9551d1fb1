import { z } from 'zod';

/** SBX-11: the lawful sources a holder may declare for its own non-public data (ours; each needs a description). */
export const LAWFUL_BASES = ['own_business', 'contract', 'consent', 'public_disclosure', 'statutory_duty'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** What a holder may choose per imported column; `none` is refused on a personal column (SBX-11, as AUTH-16). */
export const IMPORT_METHODS = ['none', 'hmac_pseudonym', 'mask', 'truncate', 'generalize', 'suppress', 'drop'] as const;
export type ImportMethod = (typeof IMPORT_METHODS)[number];

export interface DeclaredSource {
  basis: LawfulBasis;
  description: string;
  reference: string | null;
}

export interface ImportColumn {
  name: string;
  type: string;
  method: ImportMethod;
  personalInfo: boolean;
  findings: { type: string; confidence: number }[];
}

export const ImportColumnView = z.object({
  name: z.string(),
  type: z.string(),
  method: z.string(),
  personalInfo: z.boolean(),
  findings: z.array(z.object({ type: z.string(), confidence: z.number() })),
});

export const ImportView = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  fileName: z.string(),
  status: z.string(),
  declaredSource: z.object({ basis: z.string(), description: z.string(), reference: z.string().nullable() }),
  uploadSm3: z.string(),
  uploadBytes: z.number(),
  rows: z.number(),
  fileSm3: z.string().nullable(),
  columns: z.array(ImportColumnView),
  scannedAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  destroyedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

export const ImportListView = z.object({ items: z.array(ImportView) });

export const ImportParam = z.object({ id: z.string().uuid(), importId: z.string().uuid() });
