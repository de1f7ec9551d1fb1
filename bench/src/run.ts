/**
 * Benchmark runner (performance.md): `npm run bench -- <name> [--full]`; no name runs every
 * bench with quick sizes. Each bench prints one JSON object per metric (lib/emit.ts).
 * To add a bench: create `bench/src/<name>.ts` exporting `default async (ctx) => …` and
 * add one line to BENCHES.
 */
import type { BenchContext } from './lib/context.js';
import { makeContext } from './lib/context.js';

const BENCHES: Record<string, () => Promise<{ default: (ctx: BenchContext) => Promise<void> }>> = {
  'ledger.append': () => import('./ledger.append.js'),
  'ledger.proof': () => import('./ledger.proof.js'),
  'scan.columns': () => import('./scan.columns.js'),
  'catalog.search': () => import('./catalog.search.js'),
  'sandbox.overhead': () => import('./sandbox.overhead.js'),
  'egress.check': () => import('./egress.check.js'),
  'gateway.verify': () => import('./gateway.verify.js'),
  'market.settle': () => import('./market.settle.js'),
  'supervision.draft': () => import('./supervision.draft.js'),
  'supervision.overview': () => import('./supervision.overview.js'),
  'psi.ecdh': () => import('./psi.ecdh.js'),
};

async function main() {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const quick = names.length === 0 ? !args.includes('--full') : args.includes('--quick');
  const selected = names.length ? names : Object.keys(BENCHES);
  for (const name of selected) {
    const load = BENCHES[name];
    if (!load) {
      console.error(`unknown bench ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
      process.exitCode = 2;
      continue;
    }
    const bench = (await load()).default;
    await bench(makeContext(name, quick));
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
