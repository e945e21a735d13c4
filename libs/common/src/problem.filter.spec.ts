import { ArgumentsHost, HttpStatus, Logger } from '@nestjs/common';
import { AppException } from './app.exception';
import { ProblemFilter, UNAVAILABLE_RETRY_AFTER_SECONDS } from './problem.filter';

/** A response that records what the filter sets on it. */
function answer(headers: Record<string, string> = {}) {
  const sent = { status: 0, headers: { ...headers }, body: undefined as Record<string, unknown> | undefined };
  const response = {
    getHeader: (name: string) => sent.headers[name],
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => void (sent.body = JSON.parse(body)),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { sent, host };
}

describe(ProblemFilter.name, () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers an unreachable database with 503 DATABASE_UNAVAILABLE and Retry-After, logged as one warning without a stack', () => {
    // Prepare
    const { sent, host } = answer();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

    // Act
    new ProblemFilter().catch(refused, host);

    // Assert
    expect(sent).toMatchObject({
      status: 503,
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
      body: { status: 503, code: 'DATABASE_UNAVAILABLE' },
    });
    expect(warn.mock.calls).toEqual([['503 DATABASE_UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:5432']]);
    expect(error).not.toHaveBeenCalled();
  });

  it("logs an AppException's cause, and keeps a Retry-After the thrower set", () => {
    const { sent, host } = answer({ 'Retry-After': '30' });
    const unavailable = new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'QUEUE_UNAVAILABLE', 'The job queue is not reachable');
    unavailable.cause = new Error('queue backend of "reports" is not connected');

    new ProblemFilter().catch(unavailable, host);

    expect(sent.headers['Retry-After']).toBe('30');
    expect(warn.mock.calls).toEqual([['503 QUEUE_UNAVAILABLE: queue backend of "reports" is not connected']]);
  });

  it('still logs an unexpected error with its stack and answers 500 without Retry-After', () => {
    const { sent, host } = answer();

    new ProblemFilter().catch(new TypeError('x is undefined'), host);

    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
    expect(error.mock.calls[0][0]).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(warn).not.toHaveBeenCalled();
  });
});
