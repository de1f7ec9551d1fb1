import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernel } from '../kernel/kernel.js';
import { listenOwnerOnly, socketPath, startOpsControl } from './control.js';

// The control socket answers a malformed request with 400 and keeps serving (a throw inside the handler would
// take the whole server down); only its owner may connect.
let dataDir: string;
let stop: () => Promise<void>;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'shuyun-ops-ctl-'));
  // Test-only: a bad request never reaches a backup, so no database is needed behind the socket.
  stop = await startOpsControl({ dataDir } as unknown as Kernel);
});
afterAll(async () => {
  await stop?.();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ socketPath: socketPath(dataDir), method: 'POST', path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });

describe('ops control socket', () => {
  it('answers malformed JSON and a missing dir with 400, and is still serving after', async () => {
    expect(await post('/backup', '{not json')).toBe(400);
    expect(await post('/backup', '{}')).toBe(400);
    expect(await post('/other', '{}')).toBe(404);
    expect(await post('/keys/rotate-master', '{"batchSize":-1}')).toBe(400);
  });

  it('is owner-only (0600)', () => {
    expect(statSync(socketPath(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('is owner-only from the moment it exists (no window before a chmod), and leaves the process umask as it was', async () => {
    const path = join(dataDir, 'probe.sock');
    const server = createServer();
    let atBirth = -1;
    server.once('listening', () => {
      atBirth = statSync(path).mode & 0o777; // before any chmod could run
    });
    const before = process.umask();
    await listenOwnerOnly(server, path);
    expect(process.umask()).toBe(before);
    expect(atBirth).toBe(0o600);
    await new Promise((r) => server.close(r));
  });
});
