import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Clock } from '../kernel/clock.js';
import type { Database } from '../kernel/db/connection.js';
import { openTestDatabase, type TemplateName } from '../kernel/db/testing.js';
import type { App } from '../kernel/http/server.js';
import type { Kernel } from '../kernel/kernel.js';
import { resetLoginThrottle } from '../contexts/identity/service.js';
import { DEMO_PASSWORD } from '../seed/identity.js';

export interface TestApp {
  app: App;
  kernel: Kernel;
  database: Database;
  /** Logs in a (demo) user and returns a client that sends its cookie and CSRF token. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  cookie?: string;
  csrf?: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

function client(app: App, cookie?: string, csrf?: string): Client {
  const headers = (): Record<string, string> => ({
    ...(cookie ? { cookie } : {}),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  });
  return {
    cookie,
    csrf,
    get: (url, h = {}) => app.inject({ method: 'GET', url, headers: { ...headers(), ...h } }),
    post: (url, body, h = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...headers(), ...h },
        ...(body === undefined ? {} : { payload: body as any }),
      }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers: headers(), payload: body as any }),
  };
}

/** A real app on a fresh copy of a migrated (and optionally demo-seeded) database. */
export async function startTestApp(
  opts: { template?: TemplateName; clock?: Clock; profileId?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(opts.template ?? 'demo');
  // A private copy of the seeded data directory, so jobs that write or delete files never race.
  const dataDir = mkdtempSync(join(tmpdir(), 'shuyun-test-data-'));
  const template = process.env.SHUYUN_TEST_DATA_TEMPLATE;
  if (template && existsSync(template)) cpSync(template, dataDir, { recursive: true });
  const { app, kernel } = await buildApp(database, {
    logLevel: process.env.SHUYUN_TEST_LOG ?? 'silent',
    clock: opts.clock,
    profileId: opts.profileId,
    webDist: '/nonexistent',
    dataDir,
  });
  await app.ready();
  return {
    app,
    kernel,
    database,
    anonymous: client(app),
    async as(username, password = DEMO_PASSWORD) {
      resetLoginThrottle();
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = String(res.headers['set-cookie']).split(';')[0]!;
      return client(app, setCookie, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
