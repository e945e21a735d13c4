import { LoggerService } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's startup lines that list every module loaded and every route mapped (~180 before the api is up): useful when debugging only. */
const DEBUG_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The logger an app hands to `app.useLogger`: nestjs-pino's, with Nest's module-loading and route-mapping lines at debug instead of info. */
export function nestLogger(logger: Logger): LoggerService {
  const quieter = Object.create(logger) as Logger;
  quieter.log = (message: unknown, ...params: unknown[]) =>
    DEBUG_CONTEXTS.has(params.at(-1) as string) ? logger.debug(message, ...params) : logger.log(message, ...params);
  return quieter;
}
