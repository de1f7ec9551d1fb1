/** Manual look: `npm run shots -w e2e` saves screenshots of the main identity pages (zh-CN and en-US) to e2e/screenshots/. */
import { closeBrowser, closePage, login, newPage, screenshot, startServer } from '../lib/harness';

const server = await startServer();
try {
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const page = await newPage(server, { lang });
    await page.goto('/login');
    await page.getByRole('button').last().waitFor();
    await screenshot(page, `shots-${lang}-login`);
    await login(page, 'authority.admin');
    await page.locator('canvas').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, `shots-${lang}-dashboard`);
    await page.goto('/orgs');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, `shots-${lang}-org-list`);
    await page.locator('.ant-table-row a').first().click();
    await page.locator('.ant-descriptions').waitFor();
    await page.locator('.ant-card').nth(2).locator('.ant-table-row').first().waitFor();
    await screenshot(page, `shots-${lang}-org-detail`);
    for (const path of ['/api-keys', '/audit-events']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `shots-${lang}-${path.slice(1)}`);
    }
    await closePage(page);
  }
} finally {
  await closeBrowser();
  if (process.env.SHOW_SERVER_LOG) console.log(server.output());
  await server.stop();
}
