import type { Database } from '../../kernel/db/connection.js';
import { createKernel } from '../../kernel/kernel.js';
import { runAuthorizationClocks } from './usecases/clocks.js';

/** `npm run cli -- authorization clocks`: runs the expiry, lapse, escalation and drill clocks once and prints the counts. */
export async function runClocksCommand(database: Database): Promise<number> {
  const k = await createKernel(database);
  console.log(JSON.stringify(await runAuthorizationClocks(k)));
  return 0;
}
