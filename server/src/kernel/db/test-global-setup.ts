import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './connection.js';
import { migrate } from './migrate.js';
import { PG_TEMPLATE, PGLITE_TEMPLATE_ENV, withDatabase, type TemplateName } from './testing.js';

/** Builds the migrated templates once per test run: bare (schema only) and demo (seeded). */
export default async function setup() {
  const { seedDemo } = await import('../../seed/demo.js');
  const { createKernel } = await import('../kernel.js');
  // The demo seed writes data files (controlled store, demo key): into a template data
  // directory that each test app copies (test/harness.ts), so tests never share files.
  const dataTemplate = mkdtempSync(join(tmpdir(), 'shuyun-tpl-data-'));
  process.env.SHUYUN_TEST_DATA_TEMPLATE = dataTemplate;
  process.env.SHUYUN_DATA_DIR = dataTemplate;
  const build = async (db: Database, t: TemplateName) => {
    await migrate(db);
    if (t === 'demo') await seedDemo(db, await createKernel(db, { dataDir: dataTemplate }));
  };
  const url = process.env.TEST_DATABASE_URL;
  process.env.SHUYUN_TEST_RUN_ID ??= `${process.pid}`;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const t of ['bare', 'demo'] as TemplateName[]) {
      await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE(t)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${PG_TEMPLATE(t)}`);
      const db = await openDatabase({ url: withDatabase(url, PG_TEMPLATE(t)), poolSize: 1 });
      await build(db, t);
      await db.close();
    }
    await admin.end();
    return async () => {
      rmSync(dataTemplate, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      for (const t of ['bare', 'demo'] as TemplateName[])
        await c.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE(t)} WITH (FORCE)`);
      await c.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'shuyun-tpl-'));
  for (const t of ['bare', 'demo'] as TemplateName[]) {
    const db = await openDatabase();
    await build(db, t);
    const dump = await db.pglite!.dumpDataDir('none');
    const file = join(dir, `${t}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.env[PGLITE_TEMPLATE_ENV(t)] = file;
    await db.close();
  }
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataTemplate, { recursive: true, force: true });
  };
}
