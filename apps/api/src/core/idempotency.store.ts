import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type Claim =
  { kind: 'claimed' } | { kind: 'replay'; statusCode: number; body: unknown } | { kind: 'in-progress' } | { kind: 'mismatch' };

/** Idempotency-Key records: the first request claims the key, later ones replay its stored answer. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(workspaceId: string, key: string, requestHash: string): Promise<Claim> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (workspace_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [workspaceId, key, requestHash],
    );
    if (inserted.length) return { kind: 'claimed' };
    const [row]: { request_hash: string; status_code: number | null; response_body: unknown }[] = await this.dataSource.query(
      'SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE workspace_id = $1 AND key = $2',
      [workspaceId, key],
    );
    if (!row) return this.claim(workspaceId, key, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    return row.status_code === null ? { kind: 'in-progress' } : { kind: 'replay', statusCode: row.status_code, body: row.response_body };
  }

  async complete(workspaceId: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.dataSource.query('UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE workspace_id = $1 AND key = $2', [
      workspaceId,
      key,
      statusCode,
      JSON.stringify(body ?? null),
    ]);
  }

  /** A failed request frees its key so the client's retry runs for real. */
  async release(workspaceId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE workspace_id = $1 AND key = $2 AND status_code IS NULL', [
      workspaceId,
      key,
    ]);
  }
}
