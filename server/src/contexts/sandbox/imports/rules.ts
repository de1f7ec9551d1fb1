import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { LAWFUL_BASES, type ImportColumn } from './model.js';

export interface ImportFacts {
  /** What the holder declared; null parts are missing. */
  basis: string | null;
  description: string | null;
  bytes: number;
  columns: Pick<ImportColumn, 'name' | 'method' | 'personalInfo'>[];
  nameTaken: boolean;
}

/** Fewest characters a source description needs to say something (ours). */
const MIN_DESCRIPTION = 4;

// SBX-11 (002:L119, L125): an import needs a declared lawful source, stays within sandbox.maxImportGiB, and, scanned
// like any upload, shows no personal column in clear: like a granted field (AUTH-16), it is masked or refused.
export const SBX_11 = rule('SBX-11', (f: ImportFacts, p) => {
  if (!f.basis || !(LAWFUL_BASES as readonly string[]).includes(f.basis))
    return fail('IMPORT_SOURCE_REQUIRED', { part: 'basis' }, 422);
  if ((f.description ?? '').trim().length < MIN_DESCRIPTION)
    return fail('IMPORT_SOURCE_REQUIRED', { part: 'description' }, 422);
  const maxGiB = p.get<number>('sandbox.maxImportGiB');
  if (f.bytes > maxGiB * 1024 ** 3) return fail('IMPORT_TOO_LARGE', { maxGiB }, 422);
  const clear = f.columns.find((c) => c.personalInfo && c.method === 'none');
  if (clear) return fail('IMPORT_IDENTIFIER_UNMASKED', { column: clear.name }, 422);
  if (f.columns.every((c) => c.method === 'drop')) return fail('IMPORT_NOTHING_LEFT', {}, 422);
  return f.nameTaken ? fail('IMPORT_NAME_TAKEN', {}, 409) : pass();
});
