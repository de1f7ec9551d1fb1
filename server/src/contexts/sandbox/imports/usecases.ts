import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFields, MultipartFile } from '@fastify/multipart';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound, ruleError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { assertTable, convertAndProfile, formatOf } from '../../catalog/service.js';
import { fileSm3 } from '../engine/job.js';
import { buildMaskedParquet } from '../masking/build.js';
import { dropScratch, scratchDir } from '../results/vault.js';
import type { WorkspaceRow } from '../store.js';
import { grantKeys } from '../usecases/masked-views.js';
import { assertWorkspaceUsable, loadWorkspace } from '../usecases/workspaces.js';
import { importLifecycle } from './lifecycle.js';
import type { DeclaredSource, ImportColumn, LawfulBasis } from './model.js';
import { presentImport } from './present.js';
import { type ImportFacts, SBX_11 } from './rules.js';
import { columnsFromScan, parseMaskingChoices, ruleOf } from './scan.js';
import { getImport, listImports } from './store.js';

/** The policy view of an import: owned by the Workspace's holder, in the Workspace's jurisdiction. */
function importSubject(ws: WorkspaceRow, id?: string): Subject {
  return {
    type: 'WorkspaceImport',
    id,
    jurisdictionId: ws.jurisdiction_id,
    jurisdictionPath: ws.jurisdiction_path,
    ownerOrgId: ws.holder_org_id,
  };
}

/** A text field sent before the file part (multipart order: the form's fields first). */
function field(fields: MultipartFields, name: string): string | undefined {
  const f = fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && one.type === 'field' ? String(one.value) : undefined;
}

// An import is named in SQL: a plain identifier, never a result table's, a system catalog's or the engine's own.
const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,39}$/u;
const RESERVED = /^(r_|__sy|duckdb_|sqlite_|pragma_|pg_|information_schema)/i;

function rulesOrThrow(k: Kernel, facts: ImportFacts) {
  const { failures } = runRules([SBX_11], facts, k.profile);
  if (failures.length) throw ruleError(failures, failures.find((f) => f.status)?.status);
}

/** Streams the upload into scratch, hashing it with SM3 on the way (the raw file never reaches the Workspace). */
async function receive(stream: Readable, path: string): Promise<{ sm3: string; bytes: number }> {
  const h = createHash('sm3');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      h.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(stream, tap, createWriteStream(path));
  return { sm3: h.digest('hex'), bytes };
}

/**
 * SBX-11 (入域): the holder brings its own non-public CSV/Excel into this one Workspace. Who, which Workspace and
 * its state are checked first, then the declared lawful source (nothing is read without one); the file is scanned
 * like any catalog upload, each personal column masked (or the import refused), and only the masked table is kept
 * under the Workspace, where Jobs of this Workspace alone can name it. One ledgered event per import.
 */
export async function importData(k: Kernel, actor: Actor, workspaceId: string, file: MultipartFile | undefined) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  if (ws.holder_org_id !== actor.orgId) throw new AppError(403, 'NOT_A_SEAT');
  await assertWorkspaceUsable(k, actor, ws);
  if (!file) throw new AppError(422, 'UPLOAD_MISSING');
  const source = {
    basis: field(file.fields, 'sourceBasis')?.trim() || null,
    description: field(file.fields, 'sourceDescription')?.trim() || null,
    reference: field(file.fields, 'sourceReference')?.trim() || null,
  };
  const base = { basis: source.basis, description: source.description, bytes: 0, columns: [], nameTaken: false };
  rulesOrThrow(k, { ...base, columns: [{ name: '-', method: 'none', personalInfo: false }] });
  const name = field(file.fields, 'name')?.trim() ?? '';
  if (!NAME.test(name) || RESERVED.test(name)) throw new AppError(422, 'IMPORT_NAME_INVALID', { name });
  const choices = parseMaskingChoices(field(file.fields, 'masking'));
  if (typeof choices === 'string') throw new AppError(422, 'IMPORT_MASKING_INVALID', { column: choices });
  const format = formatOf(file.filename);
  if (format === 'parquet') throw new AppError(422, 'UPLOAD_FORMAT_UNSUPPORTED', { format });
  const dir = await scratchDir();
  try {
    const upload = join(dir, `upload.${format}`);
    const got = await receive(file.file, upload);
    if (file.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE');
    assertTable(upload, format);
    const plain = join(dir, 'plain.parquet');
    const prof = await convertAndProfile(k, upload, format, plain, []);
    if (prof.rows === 0) throw new AppError(422, 'UPLOAD_EMPTY');
    const columns = columnsFromScan(prof, choices);
    const taken =
      ws.views.some((v) => v.name.toLowerCase() === name.toLowerCase()) ||
      (await listImports(k.db, ws.id)).some((i) => i.name.toLowerCase() === name.toLowerCase());
    const facts: ImportFacts = { ...base, bytes: got.bytes, columns, nameTaken: taken };
    rulesOrThrow(k, facts);
    const declared: DeclaredSource = {
      basis: source.basis as LawfulBasis,
      description: source.description!,
      reference: source.reference,
    };
    const id = randomUUID();
    const out = join(k.dataDir, 'workspaces', ws.id, 'imports', `${id}.parquet`);
    await buildMaskedParquet({
      sourceFile: plain,
      outFile: out,
      fields: columns
        .filter((c) => c.method !== 'drop')
        .map((c) => ({ source: c.name, name: c.name, rule: ruleOf(c.method) })),
      subjectSource: null,
      keys: grantKeys(k, ws),
      dateShiftDays: k.profile.get<number>('sandbox.dateShiftDays'),
    });
    await record(k, actor, ws, {
      id,
      name,
      fileName: file.filename,
      declared,
      got,
      rows: prof.rows,
      columns,
      out,
      facts,
    });
    return presentImport((await getImport(k.db, id))!);
  } finally {
    await dropScratch(dir);
  }
}

async function record(
  k: Kernel,
  actor: Actor,
  ws: WorkspaceRow,
  a: {
    id: string;
    name: string;
    fileName: string;
    declared: DeclaredSource;
    got: { sm3: string; bytes: number };
    rows: number;
    columns: ImportColumn[];
    out: string;
    facts: ImportFacts;
  },
) {
  const sm3 = await fileSm3(a.out);
  try {
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: importLifecycle,
        action: 'import',
        actor,
        object: null,
        subject: importSubject(ws),
        facts: a.facts,
        // The ledger holds what came in and what was done to it: hashes, sizes, findings and methods, no values.
        input: {
          workspaceId: ws.id,
          name: a.name,
          declaredSource: a.declared,
          uploadSm3: a.got.sm3,
          fileSm3: sm3,
          rows: a.rows,
          columns: a.columns.map((c) => ({ name: c.name, method: c.method, findings: c.findings.map((f) => f.type) })),
        },
        values: {
          id: a.id,
          workspace_id: ws.id,
          holder_org_id: ws.holder_org_id,
          jurisdiction_id: ws.jurisdiction_id,
          name: a.name,
          file_name: a.fileName.slice(0, 200),
          declared_source: JSON.stringify(a.declared),
          upload_sm3: a.got.sm3,
          upload_bytes: a.got.bytes,
          rows: a.rows,
          columns: JSON.stringify(a.columns),
          file: a.out,
          file_sm3: sm3,
          scanned_at: k.clock.now(),
          created_by: actor.userId ?? null,
        },
      }),
    );
  } catch (e) {
    await rm(a.out, { force: true });
    throw e;
  }
}

/** A Workspace's imports, for whoever may read the Workspace (metadata, findings and methods; never values). */
export async function listImportsFor(k: Kernel, actor: Actor, workspaceId: string) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  return { items: (await listImports(k.db, ws.id)).map(presentImport) };
}

export async function getImportFor(k: Kernel, actor: Actor, workspaceId: string, importId: string) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  const i = await getImport(k.db, importId);
  if (!i || i.workspace_id !== ws.id) throw notFound('WorkspaceImport', importId);
  return presentImport(i);
}

/** SBX-14 residue: imports of a purged Workspace still mounted (0 once it is destroyed). */
export async function liveImportCount(db: Executor, workspaceId: string): Promise<number> {
  return (await listImports(db, workspaceId, ['active'])).length;
}

/** SBX-14: the Workspace's purge ends its imports (their files go with the Workspace's folder), in its transaction. */
export async function destroyImportsIn(trx: Tx, k: Kernel, ws: WorkspaceRow): Promise<string[]> {
  const ids: string[] = [];
  for (const i of await listImports(trx, ws.id, ['active'], true)) {
    await transition(trx, k.workflow, {
      lifecycle: importLifecycle,
      action: 'destroy',
      actor: systemActor('sandbox-destroy'),
      object: i,
      subject: importSubject(ws, i.id),
      input: { workspaceId: ws.id, fileSm3: i.file_sm3 },
      values: { destroyed_at: k.clock.now() },
    });
    ids.push(i.id);
  }
  return ids;
}
