/**
 * Browser-test harness: a real Shuyun server on a temp data dir and a free port, plus headless Chromium.
 * Specs (node:test) call startServer() once in `before`, newPage() per test, and stop() in `after`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'e2e/screenshots');
export const DEMO_PASSWORD = 'shuyun-demo';
const STARTUP_TIMEOUT_MS = Number(process.env.E2E_STARTUP_TIMEOUT_MS ?? 180_000);

export interface ServerHandle {
  /** http://localhost:<port> — localhost (not 127.0.0.1) so Chromium accepts the Secure `__Host-sid` cookie. */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Server output so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Starts `tsx server/src/main.ts start` (demo seed included) and resolves once /api/health answers 200. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerHandle> {
  const webDist = join(REPO_ROOT, 'web/dist');
  if (!existsSync(join(webDist, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build:web` first (npm run test:e2e does both)');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'shuyun-e2e-'));
  // CI migrates and seeds one data directory before the browser tests (E2E_DATA_TEMPLATE) and each spec starts on a
  // copy of it: the same demo data, without paying for a hundred migrations and the seed in every spec.
  const template = process.env.E2E_DATA_TEMPLATE;
  if (template && !process.env.E2E_DATABASE_URL && existsSync(join(template, 'pg')))
    cpSync(template, dataDir, { recursive: true });
  const tsxCli = join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
  // Run tsx's CLI with node directly, so SIGTERM reaches the server process itself (no npx wrapper in between).
  const child = spawn(process.execPath, [tsxCli, 'server/src/main.ts', 'start'], {
    cwd: REPO_ROOT,
    // PGlite in the temp dir unless E2E_DATABASE_URL asks for PostgreSQL (a stray DATABASE_URL must not leak in).
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      SHUYUN_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SHUYUN_WEB_DIST: webDist,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  // If the test process dies without stop(), do not leave a server behind.
  const reap = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));
  const baseUrl = `http://localhost:${port}`;
  const handle: ServerHandle = {
    baseUrl,
    port,
    dataDir,
    output: () => output,
    stop: () => stopServer(child, exited, dataDir),
  };
  try {
    await waitForHealth(baseUrl, exited, () => output);
  } catch (e) {
    await handle.stop();
    throw e;
  }
  return handle;
}

async function waitForHealth(baseUrl: string, exited: Promise<number | null>, output: () => string) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let dead: number | null | undefined;
  void exited.then((c) => {
    dead = c;
  });
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(`server exited with ${dead} before it was healthy:\n${output()}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

async function stopServer(child: ChildProcess, exited: Promise<number | null>, dataDir: string) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  // E2E_KEEP_DATA=<dir>: keep each spec's data directory under <dir>, so that CI can run the
  // ledger audit on what the browser tests did (issue 12: clean after the e2e suite).
  const keep = process.env.E2E_KEEP_DATA;
  if (keep) renameSync(dataDir, join(keep, basename(dataDir)));
  else rmSync(dataDir, { recursive: true, force: true });
}

// ---- Browser ----

let browser: Promise<Browser> | null = null;
const contexts = new Map<Page, BrowserContext>();
const baseUrls = new WeakMap<BrowserContext, string>();

/** CHROMIUM_PATH, else the Debian package's binary, else another usual location. */
function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}); set CHROMIUM_PATH`);
  return found;
}

/** One headless Chromium per test process, launched on first use; closed by closeBrowser(). */
export function getBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  return browser;
}

export interface PageOptions {
  lang?: 'zh-CN' | 'en-US';
  viewport?: { width: number; height: number };
}

/** A fresh page in its own context (own cookies) pointing at the server; UI language zh-CN unless asked. */
export async function newPage(server: ServerHandle, opts: PageOptions = {}): Promise<Page> {
  const ctx = await (await getBrowser()).newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    reducedMotion: 'reduce',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  });
  if (opts.lang)
    await ctx.addInitScript((l) => {
      if (!localStorage.getItem('shuyun.lang')) localStorage.setItem('shuyun.lang', l);
    }, opts.lang);
  ctx.setDefaultTimeout(20_000);
  ctx.setDefaultNavigationTimeout(30_000);
  const page = await ctx.newPage();
  contexts.set(page, ctx);
  baseUrls.set(ctx, server.baseUrl);
  page.on('pageerror', (e) => console.error(`[browser] ${e.message}`));
  return page;
}

/** Closes the page's context (cookies and all). */
export async function closePage(page: Page): Promise<void> {
  await contexts.get(page)?.close();
  contexts.delete(page);
}

export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const b = await browser;
  browser = null;
  await b.close();
}

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
// Sessions by server + login name. The server throttles logins per IP (10/min, identity.md "Brute force"),
// and every browser context comes from 127.0.0.1, so each user logs in through the form once per server
// and later pages reuse that session (cookie + the CSRF token the app keeps in sessionStorage).
const sessions = new Map<string, { cookies: Cookies; csrf: string }>();

/**
 * Logs in and waits for the workbench shell. The first time per server and user it fills the login form
 * (labels 用户名 / 密码, button 登录); afterwards it reuses that session unless `fresh` is set.
 */
export async function login(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  opts: { fresh?: boolean } = {},
): Promise<void> {
  const key = `${contextBase(page)}|${username}`;
  const cached = opts.fresh ? undefined : sessions.get(key);
  if (cached) {
    await page.context().addCookies(cached.cookies);
    await page.goto('/');
    await page.evaluate((t) => {
      localStorage.setItem('shuyun.csrf', t);
      sessionStorage.setItem('shuyun.csrf', t);
    }, cached.csrf);
    const shell = page.getByTestId('header-org');
    const form = page.getByLabel(/^(用户名|Username)$/);
    await shell.or(form).first().waitFor();
    if (await shell.isVisible()) return;
    sessions.delete(key); // logged out meanwhile: fall through to the form
  }
  await page.goto('/login');
  await page.getByLabel(/^(用户名|Username)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  const res = await answered;
  if (res.status() !== 200) throw new Error(`login as ${username} failed: HTTP ${res.status()} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  await page.getByTestId('header-org').waitFor();
  sessions.set(key, { cookies: await page.context().cookies(), csrf: csrfToken });
}

function contextBase(page: Page): string {
  const base = baseUrls.get(page.context());
  if (!base) throw new Error('login(): page was not created by newPage()');
  return base;
}

/** Clicks the header's 中文 / English switch and waits until the document language follows. */
export async function switchLanguage(page: Page, lang: 'zh-CN' | 'en-US'): Promise<void> {
  // The segmented control's radio inputs are zero-sized; click the visible label text.
  await page
    .getByRole('group', { name: /^(语言|Language)$/ })
    .getByText(lang === 'zh-CN' ? '中文' : 'English', { exact: true })
    .click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Clicks the page's "导出 Excel" button and returns the first sheet of the .xlsx it downloads. */
export async function exportedSheet(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  if (!/\.xlsx$/.test(file.suggestedFilename())) throw new Error(`not an .xlsx: ${file.suggestedFilename()}`);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile((await file.path())!)) as never);
  return wb.worksheets[0]!;
}

/** Saves a full-page PNG to e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Checks a box and waits until it shows checked. Playwright's check() reads the state right after its click, but an
 * antd Checkbox.Group inside a Form shows its new value one render later (it copies the Form's value in an effect),
 * which a loaded machine leaves visible: CI failed "Clicking the checkbox did not change its state" while the
 * failure screenshot showed the box checked. A click that lands before a freshly loaded option registers with its
 * group is lost instead, so the box is clicked again only when it is still unchecked after a generous wait.
 */
export async function tick(box: Locator, tries = 4): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await box.isChecked()) return;
    await box.click();
    for (const until = Date.now() + 3000; Date.now() < until; await new Promise((r) => setTimeout(r, 50)))
      if (await box.isChecked()) return;
  }
  throw new Error(`tick: the box did not stay checked after ${tries} clicks`);
}

/**
 * Runs one step of a journey in a fresh page as `user` (or anonymous when null); on failure a
 * `FAILED-<name>` screenshot is kept for the reader of the CI log.
 */
export async function asUser<T>(
  server: ServerHandle,
  user: string | null,
  name: string,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await newPage(server);
  try {
    if (user) await login(page, user);
    return await fn(page);
  } catch (e) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw e;
  } finally {
    await closePage(page);
  }
}

/**
 * A spec's server for all its tests (started in `before`, stopped with the browser in `after`)
 * and `as(user, name, fn)`: asUser bound to it.
 */
export function specServer(env: Record<string, string> = {}) {
  let server: ServerHandle | undefined;
  before(async () => {
    server = await startServer(env);
  });
  after(async () => {
    await closeBrowser();
    await server?.stop();
  });
  const current = () => {
    if (!server) throw new Error('specServer: the server is not started yet');
    return server;
  };
  return {
    get server() {
      return current();
    },
    as: <T>(user: string | null, name: string, fn: (page: Page) => Promise<T>) => asUser(current(), user, name, fn),
  };
}

// ---- Page checks shared by the page walk and other specs (issue 14) ----

/** Raw internals that must never reach a Chinese page: a UUID, an ISO-UTC timestamp, a snake_case code. */
export const RAW_TEXT_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'uuid', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  { name: 'iso-timestamp', re: /\d{4}-\d\d-\d\dT\d\d:\d\d/g },
  { name: 'snake_case', re: /\b[a-z]+_[a-z_]+\b/g },
];

/** The page's visible text matches of RAW_TEXT_PATTERNS, as `name: match` strings (deduplicated). */
export async function rawTextFindings(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const found = new Set<string>();
  for (const { name, re } of RAW_TEXT_PATTERNS) for (const m of text.match(re) ?? []) found.add(`${name}: ${m}`);
  return [...found];
}

/** Waits until the page's requests have settled and no spinner or skeleton is shown. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(
      () => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin'),
      undefined,
      { timeout: 20_000 },
    )
    .catch(() => undefined);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/**
 * Runs axe-core (injected from node_modules with addScriptTag) on the current page and returns its
 * serious and critical violations (issue 14 "Accessibility").
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!has) {
    const { createRequire } = await import('node:module');
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    await page.addScriptTag({ content: await readFile(axePath, 'utf8') });
  }
  const violations = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => String(n.target.join(' '))),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The labels of the left menu's entries, in order. */
export async function menuLabels(page: Page): Promise<string[]> {
  return page
    .locator('nav [role="menuitem"]')
    .allInnerTexts()
    .then((xs) => xs.map((x) => x.trim()).filter(Boolean));
}

// ---- API set-up shared by the specs (steps that are not under test in the browser) ----

/** A logged-in API client (cookie + CSRF token); `call` answers status and body, `get`/`post` throw on ≥ 300. */
export async function apiClient(server: ServerHandle, user: string) {
  const base = server.baseUrl;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${user}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${user} ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { call, get: (p: string) => ok('GET', p), post: (p: string, b?: unknown) => ok('POST', p, b ?? {}) };
}

/** Today in Asia/Shanghai plus offsetDays, as YYYY-MM-DD (the platform's calendar day). */
export const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
