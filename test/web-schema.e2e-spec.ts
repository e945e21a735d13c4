import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './support';

/**
 * apps/web/src/api/schema.d.ts types the console's API client and enums.ts lists its enums' values; both must be
 * what openapi-typescript makes of the API's document today (dist/ is built by jest's globalSetup). A route or DTO
 * changed without `npm run web:schema` fails here.
 */
describe('web API types (e2e)', () => {
  it('match the OpenAPI document of the built API', () => {
    expect(() =>
      execFileSync(process.execPath, [join(repoRoot, 'scripts/web-schema.mjs'), '--check'], { cwd: repoRoot, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
