// bench/ingest's workspace: relationships with a term in force each, written by SQL (generate_series), not the API.

/** 10 brands, influencers, relationships and one active term each (10% commission), by generate_series. */
export async function seedRelationships(pool, workspaceId, relationships, commissionPercent) {
  await pool.query(
    `WITH b AS (INSERT INTO brands (workspace_id, name, currency, timezone) SELECT $1, 'Brand ' || g, 'EUR', 'Europe/Paris' FROM generate_series(1, 10) g RETURNING id
     ), bs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM b),
     i AS (
       INSERT INTO influencers (workspace_id, name, email) SELECT $1, 'Creator ' || g, 'creator' || g || '@example.com' FROM generate_series(1, $2::int) g RETURNING id
     ), r AS (
       INSERT INTO relationships (workspace_id, brand_id, influencer_id, status)
       SELECT $1, bs.id, i.id, 'active' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM i) i JOIN bs ON bs.n = i.n % 10 RETURNING id
     )
     INSERT INTO contracts (workspace_id, relationship_id, status, start_date, end_date, currency, commission_rate, activated_at)
     SELECT $1, r.id, 'active', current_date - 365, current_date + 365, 'EUR', $3, now() FROM r`,
    [workspaceId, relationships, String(commissionPercent)],
  );
  await pool.query('VACUUM ANALYZE brands, influencers, relationships, contracts');
  return (
    await pool.query('SELECT r.id, c.id AS "contractId" FROM relationships r JOIN contracts c ON c.relationship_id = r.id ORDER BY r.id')
  ).rows;
}
