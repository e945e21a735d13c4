import { TestingModuleBuilder } from '@nestjs/testing';
import { PARAMS_PROVIDER_TOKEN, Params } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { loggerParams } from '@app/logging';

/** The production logger settings (redaction included), writing into `lines` instead of stdout. */
export function capturingLogs(lines: string[], app?: string) {
  const destination = { write: (line: string) => lines.push(line) };
  return (builder: TestingModuleBuilder) =>
    builder.overrideProvider(PARAMS_PROVIDER_TOKEN).useFactory({
      factory: (config: AppConfig): Params => {
        const params = loggerParams(config, app);
        return { ...params, pinoHttp: [params.pinoHttp as object, destination] } as Params;
      },
      inject: [AppConfig],
    });
}
