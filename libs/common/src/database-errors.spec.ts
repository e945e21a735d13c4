import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, translateDatabaseError } from './database-errors';

const driverError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'error')), fields);
const failed = (fields: Record<string, unknown>) => new QueryFailedError('SELECT 1', [], driverError(fields));

describe(isDatabaseUnavailable.name, () => {
  it.each([
    ['a refused connection (server stopped)', driverError({ code: 'ECONNREFUSED' })],
    ['a session ended by a shutdown', failed({ code: '57P01', message: 'terminating connection due to administrator command' })],
    ['a server starting up', driverError({ code: '57P03', message: 'the database system is starting up' })],
    ['a connection exception', failed({ code: '08006' })],
    ['a connection dropped without a code', failed({ message: 'Connection terminated unexpectedly' })],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(translateDatabaseError(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it.each([
    ['a unique violation', failed({ code: '23505' })],
    ['a syntax error', failed({ code: '42601' })],
    ['an error that is not the database', new Error('boom')],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
