import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import compression from 'compression';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';

/** The browser apps built by scripts/build-web.mjs into dist/web/<dir>, and where the API serves them (web.md). */
export const webApps = [
  { dir: 'app', path: '/app' },
  { dir: 'portal', path: '/portal' },
] as const;

/** Relative to the working directory, like .data/: `npm start`, the Docker image and the tests all run from the repository root. */
const builtDir = (dir: string) => join(process.cwd(), 'dist/web', dir);

const noCache = (res: ServerResponse) => res.setHeader('Cache-Control', 'no-cache');

/**
 * Per app: its hashed assets (a new build gets new names, so they may be cached for a year; a missing one
 * is a 404, not the page), its other files, then every other path under it answers its index.html (the app
 * routes in the browser), revalidated on each load so a deploy is seen at once. Express static serving
 * (@nestjs/serve-static registers too early for Nest's testing module, which builds the app the tests run).
 * `/` is the console: a person opening the bare address lands there.
 * The apps' files go out compressed to browsers that accept it (brotli, else gzip): the console's first load
 * is ~140 KB instead of ~490, the portal's ~95 instead of ~315. The API's own answers are not compressed here:
 * gzip at its fastest level made the 8.5 MB quarterly report's GET slower, not faster, over loopback on the 2-core
 * bench machine (bench/README.md, reports-quarterly, tenth session); a proxy in front compresses them where
 * links are slow (docs/operations.md).
 */
export function serveWebApps(app: NestExpressApplication): void {
  const server = app.getHttpAdapter().getInstance() as Express;
  for (const { dir, path } of webApps) {
    const root = builtDir(dir);
    server.use(path, compression());
    app.useStaticAssets(join(root, 'assets'), {
      prefix: `${path}/assets`,
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    });
    app.useStaticAssets(root, { prefix: path, index: false, setHeaders: noCache });
    server.get(`${path}{/*route}`, (_request: Request, response: Response) => {
      noCache(response);
      response.sendFile(join(root, 'index.html'), (error) => error && !response.headersSent && response.status(404).end());
    });
  }
  server.get('/', (_request: Request, response: Response) => response.redirect(302, `${webApps[0].path}/`));
}
