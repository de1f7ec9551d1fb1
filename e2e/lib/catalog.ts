import type { Page } from 'playwright-core';

/** Uploads the three registration materials as files (issue 14: stored with their SM3). */
export async function uploadMaterials(page: Page) {
  for (const kind of ['登记申请表', '资源情况说明', '合规承诺书']) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: `上传${kind}` }).click()]);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/registration-materials') && r.status() === 201),
      chooser.setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`) }),
    ]);
  }
}
