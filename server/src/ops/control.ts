import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import type { Kernel } from '../kernel/kernel.js';
import { takeBackup, type BackupResult } from './backup.js';
import { rotateCheckpointKey, rotateMasterKey } from './keys.js';
import { OpsError } from './messages.js';

/**
 * The serving process's control socket `<dataDir>/ops.sock` (issue 21). PGlite is one process per
 * data directory, so an online backup must be taken inside the process that holds it; the CLI asks
 * over this socket. File permissions (0600, owner only) are the authentication: whoever may read the
 * data directory may already copy it.
 */
export const socketPath = (dataDir: string) => join(dataDir, 'ops.sock');

const BackupRequest = z.object({ dir: z.string().min(1) });

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += String(c);
  return s;
}

/** A malformed request is answered 400, never thrown inside the handler (that would take the server down). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

type Handler = (k: Kernel, body: unknown) => Promise<unknown>;

/** What the serving process does for the CLI, one request at a time. */
const ROUTES: Record<string, Handler> = {
  '/backup': async (k, body) => {
    const parsed = BackupRequest.safeParse(body);
    if (!parsed.success) throw new OpsError('BACKUP_NO_DIR');
    return summary(await takeBackup(k, parsed.data.dir));
  },
  // Key rotation (issue 21, decisions 0102/0103): in the process that holds the keys in memory.
  '/keys/rotate-checkpoint': async (k) => rotateCheckpointKey(k),
  '/keys/rotate-master': async (k, body) => {
    const parsed = RotateRequest.safeParse(body ?? {});
    if (!parsed.success) throw new OpsError('KEYS_BAD_REQUEST');
    return rotateMasterKey(k, parsed.data);
  },
};

const RotateRequest = z.object({ batchSize: z.number().int().positive().optional() });

export async function startOpsControl(k: Kernel): Promise<() => Promise<void>> {
  const path = socketPath(k.dataDir);
  mkdirSync(k.dataDir, { recursive: true });
  if (existsSync(path)) rmSync(path); // left by a dead owner: the data-dir lock says we own it now
  // One operation at a time: a second request waits for the first.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer(async (req, res) => {
    const route = req.method === 'POST' ? ROUTES[req.url ?? ''] : undefined;
    if (!route) return reply(res, 404, { error: { code: 'NOT_FOUND' } });
    const parsed = parseJson(await body(req));
    if (parsed === undefined)
      return reply(res, 400, { error: { code: req.url === '/backup' ? 'BACKUP_NO_DIR' : 'BAD_REQUEST' } });
    const job = queue.then(() => route(k, parsed));
    queue = job.catch(() => undefined);
    try {
      reply(res, 200, await job);
    } catch (e) {
      if (e instanceof OpsError)
        reply(res, e.code === 'BACKUP_NO_DIR' || e.code === 'KEYS_BAD_REQUEST' ? 400 : 409, { error: e.toJSON() });
      else reply(res, 500, { error: { code: 'INTERNAL', message_zh: '操作失败', message_en: (e as Error).message } });
    }
  });
  await listenOwnerOnly(server, path);
  chmodSync(path, 0o600); // for filesystems that ignore the umask
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Listens on a Unix socket that is born 0600: a umask around the bind (listen binds a path synchronously) leaves no
 * moment in which another local user could connect, as a chmod after listen alone would. The umask is the process's,
 * so it is restored before anything else runs.
 */
export function listenOwnerOnly(server: Server, path: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const umask = process.umask(0o177);
    try {
      server.once('error', reject).listen(path, resolve);
    } finally {
      process.umask(umask);
    }
  });
}

export function summary(r: BackupResult) {
  return {
    dir: r.dir,
    id: r.manifest.id,
    takenAt: r.manifest.takenAt,
    database: r.manifest.database.kind,
    files: r.manifest.files.length,
    bytes: r.bytes,
    snapshotMs: r.snapshotMs,
    manifestSm3: r.manifestSm3,
    checkpoints: r.manifest.point.checkpoints,
  };
}
export type BackupSummary = ReturnType<typeof summary>;

/** Client side: asks the serving process for a backup; undefined when no process serves this data dir. */
export const requestBackup = (dataDir: string, dir: string) => requestControl(dataDir, '/backup', { dir });

/** Client side: one operation of the serving process; undefined when no process serves this data dir. */
export function requestControl(
  dataDir: string,
  op: string,
  payload: unknown,
): Promise<{ status: number; json: unknown } | undefined> {
  const path = socketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method: 'POST', path: op }, async (res) => {
      try {
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(await body(res)) });
      } catch (e) {
        reject(e);
      }
    });
    // A socket file with nobody listening (server killed): the CLI backs up by itself.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? resolve(undefined) : reject(e),
    );
    req.end(JSON.stringify(payload));
  });
}
