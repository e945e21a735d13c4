import { maskDetails, normaliseDetails, payoutMethodErrors } from './payout-method.rules';

describe(payoutMethodErrors.name, () => {
  it('accepts each kind with its own details', () => {
    expect(payoutMethodErrors('paypal', { email: 'ana@example.com' })).toEqual([]);
    expect(payoutMethodErrors('wise', { email: 'ana@example.com', accountHolderName: 'Ana Lima', receiverType: 'PRIVATE' })).toEqual([]);
    expect(payoutMethodErrors('bank_transfer', { accountHolderName: 'Ana Lima', iban: 'FR14 2004 1010 0505 0001 3M02 606' })).toEqual([]);
    expect(
      payoutMethodErrors('bank_transfer', { accountHolderName: 'Ana Lima', accountNumber: '123456789', bankCode: '021000021' }),
    ).toEqual([]);
    expect(payoutMethodErrors('other', { instructions: 'Cheque to the agency' })).toEqual([]);
  });

  it('names the field that is missing, malformed or foreign to the kind', () => {
    expect(payoutMethodErrors('paypal', {}).map((e) => e.field)).toEqual(['email']);
    expect(payoutMethodErrors('paypal', { email: 'not-an-email' }).map((e) => e.field)).toEqual(['email']);
    expect(payoutMethodErrors('paypal', { email: 'a@example.com', iban: 'FR1420041010050500013M02606' }).map((e) => e.field)).toEqual([
      'iban',
    ]);
    // One check digit off: the mod-97 check refuses it.
    expect(
      payoutMethodErrors('bank_transfer', { accountHolderName: 'A', iban: 'FR1520041010050500013M02606' }).map((e) => e.field),
    ).toEqual(['iban']);
    expect(payoutMethodErrors('bank_transfer', { accountHolderName: 'A' }).map((e) => e.field)).toEqual(['iban']);
    expect(payoutMethodErrors('bank_transfer', { accountHolderName: 'A', accountNumber: '12345678' }).map((e) => e.field)).toEqual([
      'bankCode',
    ]);
    expect(payoutMethodErrors('bank_transfer', { accountHolderName: 'A', iban: 'FR1420041010050500013M02606', bic: 'nope' })).toEqual([
      { field: 'bic', message: expect.any(String) },
    ]);
  });
});

describe(maskDetails.name, () => {
  it('keeps enough to recognise the account and never the whole value', () => {
    const details = normaliseDetails({ accountHolderName: ' Ana Lima ', iban: 'fr14 2004 1010 0505 0001 3m02 606', bic: 'bnpafrpp' });
    expect(details).toEqual({ accountHolderName: 'Ana Lima', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' });
    expect(maskDetails(details)).toEqual({ accountHolderName: 'Ana Lima', iban: 'FR****2606', bic: 'BNPAFRPP' });
    expect(maskDetails({ email: 'ana.lima@example.com' })).toEqual({ email: 'a***@example.com' });
    expect(maskDetails({ accountNumber: '123456789', bankCode: '021000021' })).toEqual({ accountNumber: '****6789', bankCode: '****21' });
    expect(maskDetails({ instructions: 'IBAN DE89 3704 0044 0532 0130 00' })).toEqual({ instructions: '[hidden: 32 characters]' });
  });
});
