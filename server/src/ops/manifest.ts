import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import { sm2Sign, sm2Verify, type Sm2KeyPair } from '../kernel/crypto/sm2.js';
import { OpsError } from './messages.js';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

const FileEntry = z.object({ path: z.string(), bytes: z.number().int(), sm3: z.string().regex(/^[0-9a-f]{64}$/) });
const KeyInfo = z.object({ source: z.enum(['database', 'environment']), check: z.string() });

/** What a backup holds (issue 21): every file with its SM3, the ledger point, how the keys were held. */
export const Manifest = z.object({
  format: z.literal('shuyun-backup/1'),
  id: z.string(),
  takenAt: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), file: z.string(), lastMigration: z.string() }),
  point: z.object({
    events: z.number().int(),
    checkpoints: z.array(z.object({ logId: z.string(), treeSize: z.number().int(), rootHash: z.string() })),
  }),
  keys: z.object({ masterKey: KeyInfo, apiKeyPepper: KeyInfo, ledgerSigningKey: KeyInfo }),
  files: z.array(FileEntry),
  signer: z.object({ alg: z.literal('sm2'), publicKeyHex: z.string() }),
});
export type Manifest = z.infer<typeof Manifest>;
export type FileEntry = z.infer<typeof FileEntry>;

/** Every regular file under `root`, as forward-slash paths relative to it, sorted. */
export function listFiles(root: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, d.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (skip(rel)) continue;
      if (d.isDirectory()) walk(abs);
      else if (d.isFile()) out.push(rel);
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/** SM3 of a file, streamed (controlled-store Parquet files can be large). */
export async function fileSm3(path: string): Promise<string> {
  const h = createHash('sm3');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function describeFiles(root: string, paths: string[]): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const p of paths) out.push({ path: p, bytes: statSync(join(root, p)).size, sm3: await fileSm3(join(root, p)) });
  return out;
}

/** Writes manifest.json and its SM2 signature (hex DER over the exact bytes written). */
export function writeSignedManifest(dir: string, m: Manifest, key: Sm2KeyPair): string {
  const text = `${JSON.stringify(m, null, 2)}\n`;
  writeFileSync(join(dir, MANIFEST), text);
  writeFileSync(join(dir, SIGNATURE), `${sm2Sign(text, key.privateKeyHex).toString('hex')}\n`);
  return sm3Hex(text);
}

/**
 * Checks a backup before anything is restored from it: the signature over the manifest (by the key
 * it names, and by `trustedKeyHex` when the operator pins one), then every listed file's size and
 * SM3, and that no file is unlisted. Throws OpsError naming the first fault.
 */
export async function verifyBackup(dir: string, trustedKeyHex?: string): Promise<{ manifest: Manifest; sm3: string }> {
  const mPath = join(dir, MANIFEST);
  const sPath = join(dir, SIGNATURE);
  if (!existsSync(mPath) || !existsSync(sPath)) throw new OpsError('MANIFEST_MISSING', { dir });
  const text = readFileSync(mPath, 'utf8');
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(text));
  } catch {
    throw new OpsError('MANIFEST_FORMAT', { dir });
  }
  const sig = Buffer.from(readFileSync(sPath, 'utf8').trim(), 'hex');
  if (!sm2Verify(text, sig, manifest.signer.publicKeyHex)) throw new OpsError('MANIFEST_SIGNATURE', { dir });
  if (trustedKeyHex && trustedKeyHex.toLowerCase() !== manifest.signer.publicKeyHex.toLowerCase())
    throw new OpsError('MANIFEST_UNTRUSTED_KEY', { signer: manifest.signer.publicKeyHex });
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const abs = join(dir, f.path);
    if (!existsSync(abs)) throw new OpsError('FILE_MISSING', { path: f.path });
    if (statSync(abs).size !== f.bytes || (await fileSm3(abs)) !== f.sm3)
      throw new OpsError('FILE_CHANGED', { path: f.path });
  }
  const extra = listFiles(dir, (rel) => rel === MANIFEST || rel === SIGNATURE).find((p) => !listed.has(p));
  if (extra) throw new OpsError('FILE_UNLISTED', { path: extra });
  return { manifest, sm3: sm3Hex(text) };
}
