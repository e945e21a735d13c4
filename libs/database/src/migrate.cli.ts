import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { migrate } from './migrate';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
migrate(loadConfig().DATABASE_URL, (line) => console.log(line))
  .then((applied) => console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
