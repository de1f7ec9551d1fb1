#!/usr/bin/env node
// `npm run release` (issue 21): one offline archive per platform, release/shuyun-<version>-<platform>.tar.gz.
// Each holds the built web UI, the server compiled to JavaScript (one file per source file, same
// layout, so migrations and the web UI are found where the sources expect them), the migrations, the
// production dependencies with the native parts of that platform (DuckDB, argon2; PGlite is WASM)
// and start.sh / cli.sh. On the target: Node.js >= 20.19 and nothing else, no registry.
// Options: --platforms linux-x64,linux-arm64   --skip-web (reuse web/dist)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1];
const platforms = (arg('platforms') ?? 'linux-x64,linux-arm64').split(',');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const out = join(root, 'release');

function sh(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

function files(dir, keep) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? d.path, d.name))
    .filter(keep);
}

/** The exact versions the tests ran with (root node_modules), so the release installs what was tested. */
function pinnedDependencies() {
  const deps = JSON.parse(readFileSync(join(root, 'server/package.json'), 'utf8')).dependencies;
  const pin = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  return Object.fromEntries(Object.keys(deps).map((n) => [n, pin(n)]));
}

async function compileServer(stage) {
  const src = join(root, 'server/src');
  const isSource = (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts');
  await build({
    entryPoints: files(src, isSource),
    outdir: join(stage, 'server/src'),
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // Data files the sources read next to themselves (holidays, fonts, templates).
  for (const f of files(src, (f) => !f.endsWith('.ts'))) cpSync(f, join(stage, 'server/src', relative(src, f)));
  cpSync(join(root, 'server/migrations'), join(stage, 'server/migrations'), { recursive: true });
}

const START = `#!/bin/sh
# 数运 Shuyun offline release: starts the platform (PGlite under ./data unless DATABASE_URL is set).
cd "$(dirname "$0")" || exit 1
exec node server/src/main.js start "$@"
`;
const CLI = `#!/bin/sh
# Operations commands: ./cli.sh backup <dir> | restore <dir> | ledger audit | migrate
cd "$(dirname "$0")" || exit 1
exec node server/src/main.js "$@"
`;

async function stagePlatform(platform) {
  const [os, cpu] = platform.split('-');
  const name = `shuyun-${version}-${platform}`;
  const stage = join(out, 'stage', name);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  await compileServer(stage);
  cpSync(join(root, 'web/dist'), join(stage, 'web/dist'), { recursive: true });
  for (const f of ['README.md', 'docs/operations.md']) cpSync(join(root, f), join(stage, f));
  // The root's overrides too (cookie@1, nanoid@5: the versions that run on Node 20).
  const { overrides } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const pkg = { name: 'shuyun', version, private: true, type: 'module', engines: { node: '>=20.19' }, overrides };
  writeFileSync(
    join(stage, 'package.json'),
    `${JSON.stringify({ ...pkg, dependencies: pinnedDependencies() }, null, 2)}\n`,
  );
  // The other platform's optional native packages: npm chooses them by --os/--cpu; no install
  // scripts run (none of these needs one: DuckDB and argon2 ship prebuilt binaries per platform).
  sh(
    'npm',
    [
      'install',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      `--os=${os}`,
      `--cpu=${cpu}`,
      '--libc=glibc',
    ],
    stage,
  );
  writeFileSync(join(stage, 'start.sh'), START);
  writeFileSync(join(stage, 'cli.sh'), CLI);
  chmodSync(join(stage, 'start.sh'), 0o755);
  chmodSync(join(stage, 'cli.sh'), 0o755);
  const archive = join(out, `${name}.tar.gz`);
  sh('tar', ['-czf', archive, '-C', join(out, 'stage'), name]);
  rmSync(stage, { recursive: true, force: true });
  console.log(`release: ${archive}`);
}

if (!process.argv.includes('--skip-web') || !existsSync(join(root, 'web/dist/index.html')))
  sh('npm', ['run', 'build', '-w', 'web']);
for (const p of platforms) await stagePlatform(p);
