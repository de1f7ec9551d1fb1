#!/usr/bin/env node
// `npm start`: build the web UI when its sources are newer than the last build, then start
// the server (PGlite under ./data by default; DATABASE_URL for PostgreSQL).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'web');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = join(web, 'dist', 'index.html');
const stale =
  !existsSync(built) || (existsSync(join(web, 'src')) && newest(join(web, 'src')) > statSync(built).mtimeMs);
if (stale && existsSync(join(web, 'index.html'))) {
  console.log('构建前端 (building the web UI)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts'), 'start'], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
