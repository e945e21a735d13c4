import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildCurrent, markBuilt } from '../scripts/build-if-stale';

/*
 * `npm start` and jest's globalSetup build dist/ only when it is stale: here against a scratch tree with the
 * layout the check reads (apps/, libs/, the build configuration, dist/.build-stamp), dated explicitly.
 */
describe('build-if-stale: is dist/ current?', () => {
  let root: string;
  const past = new Date(Date.now() - 60_000);
  const source = () => join(root, 'libs/x/src/x.service.ts');
  const age = (path: string, when = past) => utimesSync(path, when, when);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'acrm-build-stamp-'));
    for (const dir of ['apps/api/src', 'apps/web/src', 'libs/x/src', 'dist']) mkdirSync(join(root, dir), { recursive: true });
    const files = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'apps/web/vite.config.mts', 'apps/api/src/main.ts'];
    for (const file of [...files, 'apps/web/src/page.tsx', 'apps/web/src/styles.css', 'libs/x/src/x.service.ts']) {
      writeFileSync(join(root, file), '');
      age(join(root, file));
    }
    for (const dir of ['apps/api/src', 'apps/api', 'apps/web/src', 'apps/web', 'apps', 'libs/x/src', 'libs/x', 'libs'])
      age(join(root, dir));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is stale when never built, current after a build, and stays current while nothing changes', () => {
    expect(isBuildCurrent(root)).toBe(false);
    markBuilt(new Date(), root);
    expect(isBuildCurrent(root)).toBe(true);
    expect(isBuildCurrent(root)).toBe(true);
  });

  it('is stale once a source, a new file, a deleted file or the build configuration changed after the build began', () => {
    markBuilt(new Date(Date.now() - 30_000), root);
    expect(isBuildCurrent(root)).toBe(true);

    age(source(), new Date());
    expect(isBuildCurrent(root)).toBe(false);
    age(source());

    writeFileSync(join(root, 'apps/api/src/new.controller.ts'), '');
    expect(isBuildCurrent(root)).toBe(false);
    rmSync(join(root, 'apps/api/src/new.controller.ts'));
    expect(isBuildCurrent(root)).toBe(false); // its directory changed
    age(join(root, 'apps/api/src'));
    expect(isBuildCurrent(root)).toBe(true);

    age(join(root, 'tsconfig.build.json'), new Date());
    expect(isBuildCurrent(root)).toBe(false);
  });

  it("is stale once a web app's component, stylesheet or Vite config changed", () => {
    markBuilt(new Date(Date.now() - 30_000), root);
    for (const file of ['apps/web/src/page.tsx', 'apps/web/src/styles.css', 'apps/web/vite.config.mts']) {
      age(join(root, file), new Date());
      expect(isBuildCurrent(root)).toBe(false);
      age(join(root, file));
      expect(isBuildCurrent(root)).toBe(true);
    }
  });

  it('ignores unit specs, which are not built', () => {
    markBuilt(new Date(Date.now() - 30_000), root);
    const spec = join(root, 'libs/x/src/x.service.spec.ts');
    writeFileSync(spec, '');
    age(join(root, 'libs/x/src'));
    expect(isBuildCurrent(root)).toBe(true);
  });
});
