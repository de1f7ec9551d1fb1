import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { MasterKeyRing } from './crypto/keyring.js';
import { generateSm2KeyPair, type Sm2KeyPair } from './crypto/sm2.js';
import type { Executor } from './db/tables.js';

/** Keys the platform needs. Env vars win; otherwise generated once and kept in kernel_secret. */
export interface Secrets {
  /**
   * SM4 master key versions wrapping per-record data keys (ledger payloads, workspace and result
   * keys, registry keys) and encrypted fields; each blob names its version (decision 0103).
   */
  masterKeys: MasterKeyRing;
  /**
   * HMAC-SM3 root of the stable derivations (SM4 token keys, PSI sketch keys, gateway input
   * HMACs). It is the version-1 master key's value, kept as a data key re-wrapped (never
   * re-derived) on rotation, so pseudonyms and tokens stay the same across rotations (0103).
   */
  derivationKey: Buffer;
  /** HMAC-SM3 pepper for API-key secrets (KEY-02). */
  apiKeyPepper: Buffer;
  /** The current SM2 key signing ledger checkpoints (LED-08); a rollover replaces it (decision 0102). */
  ledgerSigningKey: Sm2KeyPair;
  /** Its generation: 1 for the deployment's original key. */
  ledgerKeyGeneration: number;
}

async function getOrCreate(db: Executor, name: string, envVar: string, make: () => string): Promise<string> {
  if (process.env[envVar]) return process.env[envVar]!;
  await sql`INSERT INTO kernel_secret (name, value) VALUES (${name}, ${make()}) ON CONFLICT (name) DO NOTHING`.execute(
    db,
  );
  const row = await sql<{ value: string }>`SELECT value FROM kernel_secret WHERE name = ${name}`.execute(db);
  return row.rows[0]!.value;
}

/** kernel_secret names of master-key versions ≥ 2 (version 1 keeps its original name `master_key`). */
export const masterKeySecretName = (version: number) => `master_key.v${version}`;
export const DERIVATION_KEY_SECRET = 'derivation_key_wrapped';

/**
 * Versions ≥ 2: from SHUYUN_MASTER_KEYS (`2:<hex>,3:<hex>`) when the master key is supplied from
 * outside, else from kernel_secret rows written by `keys rotate-master`.
 */
async function laterMasterKeys(db: Executor): Promise<[number, Buffer][]> {
  const env = process.env.SHUYUN_MASTER_KEYS;
  if (env)
    return env
      .split(',')
      .filter((s) => s.trim())
      .map((s) => {
        const [v, hex] = s.trim().split(':');
        return [Number(v), Buffer.from(hex ?? '', 'hex')];
      });
  const rows = await sql<{ name: string; value: string }>`SELECT name, value FROM kernel_secret
    WHERE name LIKE 'master_key.v%'`.execute(db);
  return rows.rows.map((r) => [Number(r.name.slice('master_key.v'.length)), Buffer.from(r.value, 'hex')]);
}

export async function loadMasterKeys(db: Executor): Promise<{ ring: MasterKeyRing; derivationKey: Buffer }> {
  const v1 = await getOrCreate(db, 'master_key', 'SHUYUN_MASTER_KEY', () => randomBytes(16).toString('hex'));
  const ring = new MasterKeyRing([[1, Buffer.from(v1, 'hex')], ...(await laterMasterKeys(db))]);
  const wrapped = await sql<{
    value: string;
  }>`SELECT value FROM kernel_secret WHERE name = ${DERIVATION_KEY_SECRET}`.execute(db);
  const derivationKey = wrapped.rows[0] ? ring.unwrap(Buffer.from(wrapped.rows[0].value, 'hex')) : ring.key(1);
  return { ring, derivationKey };
}

/** The newest checkpoint key (a rollover's), else the original one (generation 1). */
async function currentLedgerKey(db: Executor, ring: MasterKeyRing, original: Sm2KeyPair) {
  const row = (
    await sql<{ generation: number; public_key_hex: string; private_key_enc: Buffer | null }>`SELECT generation,
      public_key_hex, private_key_enc FROM ledger_signing_key ORDER BY generation DESC LIMIT 1`.execute(db)
  ).rows[0];
  if (!row?.private_key_enc) return { key: original, generation: 1 };
  const privateKeyHex = ring.decrypt(row.private_key_enc).toString('utf8');
  return { key: { privateKeyHex, publicKeyHex: row.public_key_hex }, generation: row.generation };
}

/** The deployment's original checkpoint key (generation 1), wherever it is held. */
export async function originalLedgerKey(db: Executor): Promise<Sm2KeyPair> {
  const signing = await getOrCreate(db, 'ledger_sm2_key', 'SHUYUN_LEDGER_SM2_KEY', () =>
    JSON.stringify(generateSm2KeyPair()),
  );
  return JSON.parse(signing) as Sm2KeyPair;
}

export async function loadSecrets(db: Executor): Promise<Secrets> {
  const { ring, derivationKey } = await loadMasterKeys(db);
  const pepper = await getOrCreate(db, 'api_key_pepper', 'SHUYUN_API_KEY_PEPPER', () =>
    randomBytes(32).toString('hex'),
  );
  const ledgerKey = await currentLedgerKey(db, ring, await originalLedgerKey(db));
  return {
    masterKeys: ring,
    derivationKey,
    apiKeyPepper: Buffer.from(pepper, 'hex'),
    ledgerSigningKey: ledgerKey.key,
    ledgerKeyGeneration: ledgerKey.generation,
  };
}
