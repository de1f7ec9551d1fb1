import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { generateSm2KeyPair, type Sm2KeyPair } from './crypto/sm2.js';
import type { Executor } from './db/tables.js';

/** Keys the platform needs. Env vars win; otherwise generated once and kept in kernel_secret. */
export interface Secrets {
  /** SM4 key wrapping per-record data keys (ledger payloads, encrypted fields). */
  masterKey: Buffer;
  /** HMAC-SM3 pepper for API-key secrets (KEY-02). */
  apiKeyPepper: Buffer;
  /** SM2 key signing ledger checkpoints (LED-08). */
  ledgerSigningKey: Sm2KeyPair;
}

async function getOrCreate(db: Executor, name: string, envVar: string, make: () => string): Promise<string> {
  if (process.env[envVar]) return process.env[envVar]!;
  await sql`INSERT INTO kernel_secret (name, value) VALUES (${name}, ${make()}) ON CONFLICT (name) DO NOTHING`.execute(
    db,
  );
  const row = await sql<{ value: string }>`SELECT value FROM kernel_secret WHERE name = ${name}`.execute(db);
  return row.rows[0]!.value;
}

export async function loadSecrets(db: Executor): Promise<Secrets> {
  const master = await getOrCreate(db, 'master_key', 'SHUYUN_MASTER_KEY', () => randomBytes(16).toString('hex'));
  const pepper = await getOrCreate(db, 'api_key_pepper', 'SHUYUN_API_KEY_PEPPER', () =>
    randomBytes(32).toString('hex'),
  );
  const signing = await getOrCreate(db, 'ledger_sm2_key', 'SHUYUN_LEDGER_SM2_KEY', () =>
    JSON.stringify(generateSm2KeyPair()),
  );
  return {
    masterKey: Buffer.from(master, 'hex'),
    apiKeyPepper: Buffer.from(pepper, 'hex'),
    ledgerSigningKey: JSON.parse(signing) as Sm2KeyPair,
  };
}
