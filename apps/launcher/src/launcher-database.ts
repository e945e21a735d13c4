import { ensureDatabase, migrate } from '@app/database';

/*
 * The launcher's use of @app/database (TypeORM and every migration: seconds to load on a small machine),
 * imported only once the apps are forked, so that they load their own code meanwhile.
 */
export { ensureDatabase, migrate };
