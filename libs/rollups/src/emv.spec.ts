import { DEFAULT_EMV_RATES, EMV_ACTIONS, emvSql } from './emv';

describe(emvSql.name, () => {
  it('values every action of the list at its rate, an action without a rate at 0', () => {
    expect(emvSql('m', 'w.emv_rates')).toBe(
      Object.keys(EMV_ACTIONS)
        .map((a) => `m.${a} * coalesce((w.emv_rates->>'${a}')::numeric, 0)`)
        .join(' + '),
    );
    expect(emvSql('m', 'w.emv_rates')).toContain(`m.clicks * coalesce((w.emv_rates->>'clicks')::numeric, 0)`);
  });

  it('gives every action a default rate', () => {
    expect(Object.keys(DEFAULT_EMV_RATES)).toEqual(Object.keys(EMV_ACTIONS));
    expect(DEFAULT_EMV_RATES).toMatchObject({ impressions: '0.005', clicks: '0.90' });
  });
});
