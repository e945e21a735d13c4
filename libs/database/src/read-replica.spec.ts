import { NotFoundException } from '@app/common';
import { isReplicaFault } from './read-replica';

describe('isReplicaFault', () => {
  const sqlError = (code: string) => Object.assign(new Error('query failed'), { driverError: { code } });

  it('blames the replica for lost, refused or shut-down connections and recovery conflicts', () => {
    expect(isReplicaFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaFault(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isReplicaFault(sqlError('57P01'))).toBe(true);
    expect(isReplicaFault(sqlError('08006'))).toBe(true);
    expect(isReplicaFault(sqlError('40001'))).toBe(true);
  });

  it('lets the read fail for its own errors: a domain error, bad SQL, a write on a standby', () => {
    expect(isReplicaFault(new NotFoundException('Relationship', 'x'))).toBe(false);
    expect(isReplicaFault(sqlError('42P01'))).toBe(false);
    expect(isReplicaFault(sqlError('25006'))).toBe(false);
  });
});
