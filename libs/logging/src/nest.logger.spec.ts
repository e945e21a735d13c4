import { Writable } from 'node:stream';
import { Logger, PinoLogger } from 'nestjs-pino';
import { nestLogger } from './nest.logger';

describe(nestLogger.name, () => {
  function logAt(level: string) {
    const lines: Array<{ level: number; msg: string; context?: string }> = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const params = { pinoHttp: [{ level }, sink] as [object, Writable] };
    const logger = nestLogger(new Logger(new PinoLogger(params), params));
    logger.log('BrandsModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/v1/brands, GET} route', 'RouterExplorer');
    logger.log('BrandsController {/v1/brands}:', 'RoutesResolver');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn?.('a warning', 'RouterExplorer');
    return lines.map(({ level, msg, context }) => ({ level, msg, context }));
  }

  it("logs Nest's module-loading and route-mapping lines at debug and everything else as nestjs-pino does", () => {
    expect(logAt('debug')).toEqual([
      { level: 20, msg: 'BrandsModule dependencies initialized', context: 'InstanceLoader' },
      { level: 20, msg: 'Mapped {/v1/brands, GET} route', context: 'RouterExplorer' },
      { level: 20, msg: 'BrandsController {/v1/brands}:', context: 'RoutesResolver' },
      { level: 30, msg: 'Nest application successfully started', context: 'NestApplication' },
      { level: 40, msg: 'a warning', context: 'RouterExplorer' },
    ]);
  });
});
