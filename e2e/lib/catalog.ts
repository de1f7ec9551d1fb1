import type { Page } from 'playwright-core';
import { tick } from './harness';

/** Uploads the three registration materials as files (issue 14: stored with their SM3). */
export async function uploadMaterials(page: Page) {
  for (const kind of ['登记申请表', '资源情况说明', '合规承诺书']) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: `上传${kind}` }).click(),
    ]);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/registration-materials') && r.status() === 201),
      chooser.setFiles({
        name: `${kind}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`),
      }),
    ]);
  }
}

/** On a resource page with every field decided: confirm the resource grade, submit the grading, and file its registration with materials. */
export async function gradeAndFileRegistration(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/classification') && r.request().method() === 'POST' && r.ok()),
    page.getByRole('button', { name: '按就高从严确认资源分级' }).click(),
  ]);
  await page.getByRole('button', { name: '提交分类分级' }).click();
  await page.getByText('已定级').first().waitFor();
  await page.getByRole('button', { name: '申请登记' }).click();
  await uploadMaterials(page);
  await page
    .getByText(/SM3 [0-9a-f]{64}/)
    .first()
    .waitFor();
  await tick(page.getByRole('checkbox'));
  await page.getByRole('button', { name: '提交登记' }).click();
  await page.getByText('登记中 · 已提交').waitFor();
}
