import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

type Auth = { auth: { Authorization: string } };

/** Shortcuts for the payout routes as a session calls them. */
export function payoutCalls(http: TestAgent, s: Auth) {
  return {
    /** A manual payable entry (bonus or adjustment) on `incurredOn` (default: today in the brand's zone). */
    earn: async (relationshipId: string, amount: string, incurredOn?: string, kind: 'bonus' | 'adjustment' = 'bonus') =>
      (
        await http
          .post(`/v1/relationships/${relationshipId}/costs`)
          .set(s.auth)
          .send({ kind, amount, incurredOn, description: amount.startsWith('-') ? 'Taken back' : undefined })
          .expect(201)
      ).body,
    run: async (periodEnd: string, brandId?: string) =>
      (await http.post('/v1/payout-runs').set(s.auth).send({ periodEnd, brandId }).expect(201)).body,
    payouts: async (
      query: Record<string, string>,
    ): Promise<{ id: string; influencerId: string; currency: string; amount: string; status: string }[]> =>
      (
        await http
          .get('/v1/payouts')
          .query({ limit: 200, ...query })
          .set(s.auth)
          .expect(200)
      ).body.data,
    act: (path: string, action: 'approve' | 'mark-paid' | 'fail' | 'cancel', body: object = {}) =>
      http.post(`/v1/${path}/${action}`).set(s.auth).send(body),
    balance: async (influencerId: string) =>
      (await http.get(`/v1/influencers/${influencerId}/balance`).set(s.auth).expect(200)).body.balances,
  };
}

/**
 * Every entry a payout links, one row per entry: (payout_id, cost_entry_id, released), from payout_entries' spans (the
 * payable entries of a relationship and currency whose insertion number `seq` is in `seqs`).
 */
export const PAYOUT_LINKS = `(SELECT s.payout_id, e.id AS cost_entry_id, s.released FROM payout_entries s
  JOIN cost_entries e ON e.relationship_id = s.relationship_id AND e.currency = s.currency AND s.seqs @> e.seq
   AND e.kind IN ('retainer','deliverable_fee','commission','bonus','adjustment'))`;

/**
 * The payout invariant (docs/payouts.md), per payee and currency, exact (numeric): paid + in open payouts +
 * unpaid = every payable entry; each live payout's amount = its linked entries and whole minor units; no entry
 * in two live payouts. Returns the rows that break it (none when it holds), and the figures.
 */
export async function payoutInvariant(db: DataSource): Promise<{ broken: unknown[]; figures: Record<string, unknown>[] }> {
  const figures = (await db.query(`
    WITH payable AS (
      SELECT r.influencer_id, e.currency, sum(e.amount) AS payable,
             coalesce(sum(e.amount) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ${PAYOUT_LINKS} l WHERE l.cost_entry_id = e.id AND NOT l.released)), 0) AS unpaid
      FROM cost_entries e JOIN relationships r ON r.id = e.relationship_id
      WHERE e.kind IN ('retainer','deliverable_fee','commission','bonus','adjustment') GROUP BY 1, 2
    ), payouts_by AS (
      SELECT influencer_id, currency, coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0) AS paid,
             coalesce(sum(amount) FILTER (WHERE status IN ('draft','approved')), 0) AS open FROM payouts GROUP BY 1, 2
    )
    SELECT p.influencer_id AS "influencerId", trim(p.currency) AS currency, p.payable::text, coalesce(o.paid, 0)::text AS paid,
           coalesce(o.open, 0)::text AS open, p.unpaid::text, (coalesce(o.paid, 0) + coalesce(o.open, 0) + p.unpaid = p.payable) AS holds
    FROM payable p LEFT JOIN payouts_by o USING (influencer_id, currency) ORDER BY 1, 2`)) as Record<string, unknown>[];
  const payouts = await db.query(`
    SELECT p.id, p.amount::text, sum(e.amount)::text AS linked, bool_and(r.influencer_id = p.influencer_id AND e.currency = p.currency) AS own
    FROM payouts p JOIN ${PAYOUT_LINKS} l ON l.payout_id = p.id JOIN cost_entries e ON e.id = l.cost_entry_id JOIN relationships r ON r.id = e.relationship_id
    WHERE p.status IN ('draft','approved','paid')
    GROUP BY p.id HAVING p.amount <> sum(e.amount) OR NOT bool_and(r.influencer_id = p.influencer_id AND e.currency = p.currency)
       OR p.amount <> trunc(p.amount, CASE trim(p.currency) WHEN 'JPY' THEN 0 WHEN 'KWD' THEN 3 ELSE 2 END)`);
  const twice = await db.query(`SELECT cost_entry_id FROM ${PAYOUT_LINKS} l WHERE NOT released GROUP BY 1 HAVING count(*) > 1`);
  const linkedWrongly = await db.query(`
    SELECT l.payout_id FROM payout_entries l JOIN payouts p ON p.id = l.payout_id
    WHERE l.released <> (p.status IN ('failed','cancelled'))`);
  return { broken: [...figures.filter((f) => !f.holds), ...payouts, ...twice, ...linkedWrongly], figures };
}
