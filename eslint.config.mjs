// ESLint 10 flat config. Syntax-only typescript-eslint rules (no type information), so lint stays fast;
// `npm run typecheck` covers the type errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Libraries every context may use; the others are bounded contexts (docs/architecture.md). */
const infrastructure = new Set(['common', 'config', 'database', 'logging', 'mail', 'metrics', 'queue']);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Per context, the classes only it may hold at run time: its entities and repositories, read from the files. */
const contexts = Object.fromEntries(
  readdirSync('libs')
    .filter((name) => !infrastructure.has(name))
    .map((name) => [
      name,
      filesUnder(join('libs', name, 'src'))
        .filter((file) => /\.(entity|repository)\.ts$/.test(file))
        .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/export (?:abstract )?class (\w+)/g)].map((m) => m[1])),
    ]),
);

const deepImports = [
  { group: ['@app/*/**'], message: 'Import a library through its index (@app/<lib>), not its files.' },
  { regex: '^(\\.\\./)+(libs/)?[a-z-]+/src(/|$)', message: 'Import another library through @app/<lib>.' },
];
const appImports = [{ regex: '(^|/)apps/', message: 'Libraries never import the apps: move what both need into a library.' }];

const boundaries = (paths, patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] });

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', '.data/', 'coverage/', 'apps/web/src/api/schema.d.ts', 'apps/web/src/api/enums.ts']),
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  { files: ['apps/**/*.ts', 'test/**/*.ts'], rules: boundaries([], deepImports) },
  { files: ['libs/**/*.ts'], rules: boundaries([], [...deepImports, ...appImports]) },
  // A context reads and writes its own tables; another context's entities and repositories are off limits
  // (types of them are fine: a service may hand its records out).
  ...Object.keys(contexts).map((context) => ({
    files: [`libs/${context}/**/*.ts`],
    rules: boundaries(
      Object.entries(contexts)
        .filter(([other, classes]) => other !== context && classes.length > 0)
        .map(([other, classes]) => ({
          name: `@app/${other}`,
          importNames: classes,
          allowTypeImports: true,
          message: `An entity or repository of the ${other} context: ask its service instead.`,
        })),
      [...deepImports, ...appImports],
    ),
  })),
  {
    // CommonJS config files (jest.config.js and the like).
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
