// npm run docs:screenshot: renders the sample report (docs/quarterly-report.sample.json) with the built
// renderer (dist/, so run after `npm run build`) in Debian's Chromium and writes docs/quarterly-report.png.
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderQuarterlyReportHtml } = createRequire(import.meta.url)(join(root, 'dist/libs/reports/src/render/index.js'));
const report = JSON.parse(readFileSync(join(root, 'docs/quarterly-report.sample.json'), 'utf8'));
const out = join(root, 'docs/quarterly-report.png');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(renderQuarterlyReportHtml(report), { waitUntil: 'load' });
  // The first page of the report: title, key figures and the three charts.
  const end = await page
    .locator('section')
    .first()
    .evaluate((section) => section.getBoundingClientRect().bottom);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1000, height: Math.ceil(end) + 16 } });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
