import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { getWorkspace } from '../store.js';
import { setResultKeyIfMissing } from './store.js';

/** The scheme a sealed result is stored in (sandbox_job.result_cipher): SM4-CBC, iv ‖ ciphertext, PKCS#7. */
export const RESULT_CIPHER = 'sm4-cbc';

/**
 * SBX-10: the Workspace's result key, a random 16-byte SM4 key wrapped under the master key the way the kernel
 * wraps ledger data keys (wrapDataKey). Made on first use, so Workspaces opened before results were sealed get one
 * too; a concurrent first use keeps whichever key was stored first. Destroying the Workspace drops it (SBX-14).
 */
export async function resultKey(k: Kernel, db: Executor, workspaceId: string): Promise<Buffer> {
  let wrapped = (await getWorkspace(db, workspaceId))?.result_key_wrapped ?? null;
  if (!wrapped) {
    await setResultKeyIfMissing(db, workspaceId, k.secrets.masterKeys.wrap(randomBytes(16)));
    wrapped = (await getWorkspace(db, workspaceId))?.result_key_wrapped ?? null;
  }
  if (!wrapped) throw new Error('workspace result key destroyed');
  return k.secrets.masterKeys.unwrap(wrapped);
}

/**
 * Plain result files exist only here, for the length of one run or one viewing: memory-backed (/dev/shm) where
 * the host has it, so a plain result never reaches the disk; the caller removes the folder in `finally`.
 */
export async function scratchDir(): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = join(base, 'shuyun-sbx', randomUUID());
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const dropScratch = (dir: string) => rm(dir, { recursive: true, force: true });

/** Encrypts `plain` into `sealed` (streamed) and removes the plain file. */
export async function sealFile(key: Uint8Array, plain: string, sealed: string): Promise<void> {
  await mkdir(dirname(sealed), { recursive: true });
  const iv = randomBytes(16);
  const out = createWriteStream(sealed);
  out.write(iv);
  try {
    await pipeline(createReadStream(plain), createCipheriv('sm4-cbc', key, iv), out);
  } finally {
    await rm(plain, { force: true });
  }
}

/** Decrypts `sealed` into `plain` (a scratch path); a wrong key or a damaged file throws. */
export async function openSealed(key: Uint8Array, sealed: string, plain: string): Promise<void> {
  const fh = await open(sealed, 'r');
  const iv = Buffer.alloc(16);
  try {
    await fh.read(iv, 0, 16, 0);
  } finally {
    await fh.close();
  }
  await pipeline(
    createReadStream(sealed, { start: 16 }),
    createDecipheriv('sm4-cbc', key, iv),
    createWriteStream(plain),
  );
}
