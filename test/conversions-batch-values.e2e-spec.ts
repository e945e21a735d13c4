import { DataSource } from 'typeorm';
import { conversionBody, relationshipFixture, trackingCodeFixture, useTestApp } from './support';

/**
 * The batch insert sends each column as one array literal it writes itself (and NULL for a column empty in
 * every row): every character must reach the ledger as sent, and a re-post must find every key again.
 */
describe('conversions: batch values stored as sent (e2e)', () => {
  const ctx = useTestApp();
  const stored = (externalIds: string[]) =>
    ctx.t.app.get(DataSource).query(
      `SELECT external_id AS "externalId", relationship_id AS "relationshipId", tracking_code_id AS "trackingCodeId", customer_type AS "customerType",
                currency, gross_amount::text AS "grossAmount", net_amount::text AS "netAmount", original_currency AS "originalCurrency", fx_rate::text AS "fxRate"
           FROM conversions WHERE external_id = ANY($1)`,
      [externalIds],
    );

  it('keeps quotes, backslashes, commas, braces, "NULL" and any script in text, with nulls and values mixed per column', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const code = await trackingCodeFixture(http, ctx.owner, relationship.id);
    const tag = relationship.id.slice(0, 8);
    const texts = ['quote"d', 'back\\slash', '\\"', 'comma,{brace}', 'NULL', ' spaced ', 'ünïcødé – 🎉', "it's"].map((t) => `${tag} ${t}`);
    const conversions = [
      ...texts.map((externalId, i) =>
        conversionBody({ externalId, relationshipId: relationship.id, ...(i % 2 ? { customerType: 'new' } : {}) }),
      ),
      conversionBody({ externalId: `${tag} by code`, code: code.code }),
      conversionBody({
        externalId: `${tag} in USD`,
        relationshipId: relationship.id,
        currency: 'USD',
        amount: '100.00',
        discount: '0',
        fxRate: '0.9',
      }),
      conversionBody({ externalId: `${tag} unattributed`, code: 'NO-SUCH-CODE', unattributed: true }),
    ];
    const ids = conversions.map((c) => c.externalId as string);

    expect((await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200)).body).toEqual({
      accepted: 11,
      duplicates: 0,
      conflicts: [],
      rejected: [],
    });
    const rows = await stored(ids);
    expect(rows.map((r: { externalId: string }) => r.externalId).sort()).toEqual([...ids].sort());
    const byId = new Map(rows.map((r: { externalId: string }) => [r.externalId, r]));
    expect(byId.get(texts[1])).toMatchObject({
      relationshipId: relationship.id,
      trackingCodeId: null,
      customerType: 'new',
      currency: 'EUR',
      fxRate: null,
    });
    expect(byId.get(texts[0])).toMatchObject({ customerType: null });
    expect(byId.get(`${tag} by code`)).toMatchObject({ relationshipId: relationship.id, trackingCodeId: code.id });
    expect(byId.get(`${tag} in USD`)).toMatchObject({
      currency: 'EUR',
      grossAmount: '90.0000',
      netAmount: '90.0000',
      originalCurrency: 'USD',
      fxRate: '0.9000000000',
    });
    expect(byId.get(`${tag} unattributed`)).toMatchObject({ relationshipId: null, trackingCodeId: null });

    expect((await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200)).body).toEqual({
      accepted: 0,
      duplicates: 11,
      conflicts: [],
      rejected: [],
    });
  });

  it('inserts a batch whose every row leaves the attribution columns empty', async () => {
    const { http } = ctx.t;
    const conversions = Array.from({ length: 3 }, () => conversionBody({ code: 'NO-SUCH-CODE', unattributed: true }));
    expect((await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200)).body).toEqual({
      accepted: 3,
      duplicates: 0,
      conflicts: [],
      rejected: [],
    });
    const rows = await stored(conversions.map((c) => c.externalId as string));
    expect(rows).toHaveLength(3);
    expect(rows.every((r: { relationshipId: string | null; currency: string }) => r.relationshipId === null && r.currency === 'EUR')).toBe(
      true,
    );
  });
});
