/**
 * The buyer's PSI client on the command line (issue 19): `npm run psi -- --user buyer.admin --file list.csv …`.
 * Items are read, canonicalized, hashed to the curve and blinded HERE; only blinded points go to the platform.
 *
 *   --url http://localhost:8080   the platform
 *   --user LOGIN                  password from $SHUYUN_PASSWORD (or --password)
 *   --service ID                  omit to list the services this buyer may run PSI against
 *   --mode membership|cardinality (default cardinality)
 *   --file PATH [--column NAME]   one item per line, or a CSV column (header row) — default the first column
 *   --key-file PATH               the buyer's 32-byte secret (created if missing; default ~/.shuyun-psi.key)
 *   --out PATH                    membership: write the matched items here (one per line)
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { opensslMultiplier } from './node.js';
import { itemsOf } from './items.js';
import { listPsiServices, runPsi, type PsiMode, type Transport } from './protocol.js';

export async function login(url: string, user: string, password: string): Promise<Transport> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password }),
  });
  if (!r.ok) throw new Error(`login failed: HTTP ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { error?: { code: string; message_zh: string } };
    if (!res.ok) throw new Error(`${json.error?.code ?? res.status}: ${json.error?.message_zh ?? ''}`);
    return json;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

async function secret(path: string): Promise<Uint8Array> {
  if (!existsSync(path)) await writeFile(path, randomBytes(32), { mode: 0o600 });
  return new Uint8Array(await readFile(path));
}

export async function main(args = process.argv.slice(2)) {
  const { values: o } = parseArgs({
    args,
    options: {
      url: { type: 'string', default: 'http://localhost:8080' },
      user: { type: 'string' },
      password: { type: 'string' },
      service: { type: 'string' },
      mode: { type: 'string', default: 'cardinality' },
      file: { type: 'string' },
      column: { type: 'string' },
      'key-file': { type: 'string', default: join(homedir(), '.shuyun-psi.key') },
      out: { type: 'string' },
    },
  });
  if (!o.user) throw new Error('--user is required');
  const t = await login(o.url!, o.user, o.password ?? process.env.SHUYUN_PASSWORD ?? '');
  if (!o.service || !o.file) {
    for (const s of await listPsiServices(t))
      console.log(
        `${s.serviceId}  ${s.nameZh}  ${s.fieldName} (${s.identifierType})  modes=${s.modes.join('/')}  left today=${s.sessionsLeftToday}`,
      );
    return;
  }
  const out = await runPsi(t, {
    serviceId: o.service,
    mode: o.mode as PsiMode,
    items: itemsOf(await readFile(o.file, 'utf8'), o.column),
    secret: await secret(o['key-file']!),
    multiplier: opensslMultiplier,
    onProgress: (stage, done, total) => process.stderr.write(`\r${stage} ${done}/${total}   `),
  });
  process.stderr.write('\n');
  console.log(
    JSON.stringify({
      sessionId: out.sessionId,
      mode: out.mode,
      listSize: out.listSize,
      invalid: out.invalid,
      matchedCount: out.matchedCount,
    }),
  );
  if (out.matches && o.out) await writeFile(o.out, `${out.matches.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
