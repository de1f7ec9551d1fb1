import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../kernel/http/errors.js';
import type { MultipartFile } from '@fastify/multipart';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { controlledPath } from './resources.js';
import { receiveUpload } from './upload.js';
import * as reg from './registration.js';

/**
 * Registration materials are uploaded files (issue 14 "Registration materials are typed document numbers"):
 * stored in the controlled store under their own id, hashed with SM3 on the way in; the filing carries
 * `{kind, fileRef, sm3Hash}` (catalog.md ResourceRegistration.materials) and the reviewer downloads them.
 */
const MATERIAL_EXT = new Set(['pdf', 'ofd', 'doc', 'docx', 'jpg', 'jpeg', 'png']);
const MAX_BYTES = 20 * 1024 * 1024; // default chosen by us
const REF = /^materials\/[0-9a-f-]{36}\.[a-z]+$/;

export function materialPath(fileRef: string): string | null {
  return REF.test(fileRef) ? controlledPath(fileRef) : null;
}

/** An uploaded material is filed only with the SM3 of the stored bytes (422 MATERIAL_UNVERIFIED otherwise). */
export function verifyMaterials(materials: { kind: string; fileRef: string; sm3Hash?: string }[]): void {
  for (const m of materials) {
    const path = materialPath(m.fileRef);
    if (!path) continue; // a reference to a document held elsewhere (demo data, older filings)
    if (!existsSync(path) || createHash('sm3').update(readFileSync(path)).digest('hex') !== m.sm3Hash)
      throw new AppError(422, 'MATERIAL_UNVERIFIED', { kind: m.kind });
  }
}

/** The filing's materials as it recorded them (catalog.md ResourceRegistration.materials). */
type Material = { kind: string; fileRef: string; sm3Hash?: string };

/** Stores one uploaded material (signatory or catalog manager): checked format and size, SM3 of the stored bytes. */
export async function storeMaterial(a: Actor, readFile: () => Promise<MultipartFile | undefined>) {
  if (!a.roles.some((r) => ['signatory', 'catalog_manager'].includes(r))) throw new AppError(403, 'FORBIDDEN');
  const file = await readFile(); // only once the actor may upload
  if (!file) throw new AppError(422, 'UPLOAD_MISSING');
  const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
  if (!MATERIAL_EXT.has(ext)) {
    file.file.resume();
    throw new AppError(422, 'MATERIAL_FORMAT_UNSUPPORTED', { format: ext || '-' });
  }
  const got = await receiveUpload(file.file, ext);
  if (file.file.truncated) {
    rmSync(got.path, { force: true });
    throw new AppError(413, 'PAYLOAD_TOO_LARGE');
  }
  if (got.bytes === 0) {
    rmSync(got.path, { force: true });
    throw new AppError(422, 'UPLOAD_EMPTY');
  }
  const fileRef = `materials/${randomUUID()}.${ext}`;
  mkdirSync(dirname(controlledPath(fileRef)), { recursive: true });
  renameSync(got.path, controlledPath(fileRef));
  return { fileRef, sm3Hash: got.sm3, bytes: got.bytes, name: file.filename.slice(0, 200) };
}

/** Upload limits of one material (the route passes them to the multipart reader). */
export const MATERIAL_LIMITS = { fileSize: MAX_BYTES, files: 1 };

const MATERIAL_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** One material of a filing the actor may read (REG-08 keeps them with the record): a stream, its type and name. */
export async function openMaterial(k: Kernel, a: Actor, id: string, index: number) {
  const d = await reg.getRegistration(k, a, id);
  // Written by fileRegistration from RegistrationInput.materials (JSON we wrote).
  const m = ((d.registration.materials ?? []) as unknown as Material[])[index];
  const path = m && materialPath(m.fileRef);
  if (!m || !path || !existsSync(path)) throw new AppError(404, 'NOT_FOUND');
  const ext = m.fileRef.split('.').pop()!;
  return {
    stream: createReadStream(path),
    contentType: MATERIAL_TYPES[ext] ?? 'application/octet-stream',
    filename: `${m.kind}.${ext}`,
  };
}
