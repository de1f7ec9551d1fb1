import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuyun-lock-'));
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    writeFileSync(join(dir, 'shuyun.lock'), String(child.pid));
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/已被进程 \d+ 占用/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a dead process and releases it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuyun-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, 'shuyun.lock'), String(child.pid));
    const lock = lockDataDir(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('makes a second server on the same directory exit with the message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuyun-lock-'));
    const first = lockDataDir(dir);
    const main = join(__dirname, '../../main.ts');
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', main, 'migrate'], {
        env: { ...process.env, SHUYUN_DATA_DIR: dir, DATABASE_URL: '' },
      });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('exit', (code) => resolve({ code, stderr }));
    });
    first.release();
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/locked by running process/);
  });
});
