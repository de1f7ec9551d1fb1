import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from './connection.js';

/**
 * Test databases (style.md §7): each test file gets a fresh copy of a migrated template.
 * PGlite: a data-directory dump made once by the global setup. PostgreSQL (when
 * TEST_DATABASE_URL is set): CREATE DATABASE … TEMPLATE, dropped on close.
 */
export type TemplateName = 'bare' | 'demo';

/** Template names carry the test run's id, so concurrent runs on one server never collide. */
export const PG_TEMPLATE = (t: TemplateName) => `shuyun_tpl_${process.env.SHUYUN_TEST_RUN_ID ?? 'x'}_${t}`;
export const PGLITE_TEMPLATE_ENV = (t: TemplateName) => `SHUYUN_PGLITE_TEMPLATE_${t.toUpperCase()}`;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function openTestDatabase(template: TemplateName = 'bare'): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `shuyun_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Two CREATE DATABASE … TEMPLATE at once fail with 55006 (template in use): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE(template)}`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
    await admin.end();
    // Pool size 1, as on PGlite, so `db` used inside a transaction deadlocks here too (style.md §6).
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 1 });
    const close = database.close;
    database.close = async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    return database;
  }
  const file = process.env[PGLITE_TEMPLATE_ENV(template)];
  if (!file) throw new Error('PGlite template missing: run tests through vitest (globalSetup)');
  return openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
}
