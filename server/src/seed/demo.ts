import { sql } from 'kysely';
import type { Database } from '../kernel/db/connection.js';
import type { Tx } from '../kernel/db/tables.js';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { seedIdentity } from './identity.js';
import { seedCatalog } from './catalog.js';
import { seedAuthorization } from './authorization.js';
import { seedSandbox } from './sandbox.js';
import { seedSandboxEgress } from './sandbox-egress.js';
import { seedProducts } from './products.js';
import { seedRights } from './rights.js';
import { seedSupervision } from './supervision.js';
import { seedLabs } from './labs.js';
import { seedMarket } from './market.js';
import { checkpointLoadedLogs } from '../contexts/ledger/service.js';

/** Each context adds its demo data here, in dependency order. */
const SEEDERS: { name: string; run: (trx: Tx, k: Kernel) => Promise<void> }[] = [
  { name: 'identity', run: seedIdentity },
  { name: 'catalog', run: seedCatalog },
  { name: 'authorization', run: seedAuthorization },
  { name: 'sandbox', run: seedSandbox }, // after the authorization seeder (it mounts the demo Grants)
  { name: 'sandbox-egress', run: seedSandboxEgress }, // a model awaiting review, one released to its source unit (issue 19)
  { name: 'products', run: seedProducts }, // the demo market: listed products, caps and filed prices
  { name: 'market', run: seedMarket }, // orders in each delivery mode, a month of usage, one settlement distributed
  { name: 'rights', run: seedRights }, // registered certificates, one pledged, one under objection (issue 17)
  { name: 'supervision', run: seedSupervision }, // reports, incidents, a scored evaluation (issue 16)
  { name: 'labs', run: seedLabs }, // the 2026 call, a certified lab with its Grant and plaque, an application under review (issue 18)
];

/** Loads the demo data once (identity.md "Demo accounts"); refused in production. */
export async function seedDemo(database: Database, kernel?: Kernel): Promise<boolean> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo seed refused: NODE_ENV=production');
  const k = kernel ?? (await createKernel(database));
  const seeded = await sql`SELECT 1 FROM organization WHERE demo LIMIT 1`.execute(database.db);
  if (seeded.rows.length) return false;
  for (const s of SEEDERS) await database.db.transaction().execute((trx) => s.run(trx, k));
  // LED-07: the seeded entries are signed at once, so the public checkpoint exists from the first request.
  await checkpointLoadedLogs(k);
  return true;
}
