// npm run bench:web-bundle: what a browser downloads before the console can render (web.md budgets:
// console ≤ 250 KB gzip of JS and CSS, portal ≤ 100 KB). Reads the built apps (dist/web) and gzips every
// script, module preload and stylesheet their index.html loads. Compared in the same run: the console against
// the portal (React, TanStack Query and the portal's own small router and pages).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '../dist/web');

function initialBytes(app) {
  const html = readFileSync(join(root, app, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/[^/]+\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = urls.map((url) => {
    const bytes = readFileSync(join(root, app, url));
    return { url, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0), raw: files.reduce((sum, f) => sum + f.raw, 0) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const budgets = { app: 250 * 1024, portal: 100 * 1024 };
const results = {};
for (const app of ['app', 'portal']) {
  results[app] = initialBytes(app);
  const { files, gzip, raw } = results[app];
  console.log(
    `${app}: ${kb(gzip)} gzip (${kb(raw)} raw) in ${files.length} files; budget ${kb(budgets[app])}: ${gzip <= budgets[app] ? 'within' : 'OVER'}`,
  );
  for (const f of files) console.log(`  ${f.url}  ${kb(f.gzip)} gzip`);
}
console.log(`console / portal: ${(results.app.gzip / results.portal.gzip).toFixed(2)}x`);
