// Runs every migration on PGlite and on PostgreSQL and compares the resulting schemas
// (tables, columns, types, nullability, indexes), as style.md §6 asks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../server/src/kernel/db/connection.js';
import { migrate } from '../server/src/kernel/db/migrate.js';
import { withDatabase } from '../server/src/kernel/db/testing.js';

async function describe(db: Database): Promise<string[]> {
  const cols = await db.pool.query(`SELECT table_name, column_name, data_type, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`);
  const idx = await db.pool.query(
    `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
  );
  return [
    ...cols.rows.map(
      (r) => `col ${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable} ${r.column_default ?? ''}`,
    ),
    ...idx.rows.map((r) => `idx ${r.tablename} ${r.indexdef}`),
  ];
}

const url = process.argv[2];
if (!url) throw new Error('usage: schema-parity.ts <postgres-url>');
const name = `shuyun_parity_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const a = await openDatabase();
const b = await openDatabase({ url: withDatabase(url, name), poolSize: 1 });
await migrate(a);
await migrate(b);
const [sa, sb] = [await describe(a), await describe(b)];
await a.close();
await b.close();
await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
await admin.end();
const onlyA = sa.filter((x) => !sb.includes(x));
const onlyB = sb.filter((x) => !sa.includes(x));
if (onlyA.length || onlyB.length) {
  console.error('schema differs between PGlite and PostgreSQL');
  onlyA.forEach((x) => console.error(`  PGlite only: ${x}`));
  onlyB.forEach((x) => console.error(`  PostgreSQL only: ${x}`));
  process.exit(1);
}
console.log(`schemas match (${sa.length} columns and indexes)`);
