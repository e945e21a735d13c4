import { unsafeInput } from './validation';

describe(unsafeInput.name, () => {
  it('names the first string or key holding a NUL character', () => {
    expect(unsafeInput({ name: 'ok', socialAccounts: [{ handle: 'a\u0000b' }] })).toEqual({
      field: 'socialAccounts[0].handle',
      message: 'must not contain the NUL character (U+0000)',
    });
    expect(unsafeInput({ ['bad\u0000key']: 1 })).toEqual({ field: 'bad\u0000key', message: 'must not contain the NUL character (U+0000)' });
    expect(unsafeInput('csv,with\u0000nul')).toEqual({ field: '', message: 'must not contain the NUL character (U+0000)' });
  });

  it('refuses nesting deeper than any body has, without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInput({ name: deep })).toEqual({ field: `name${'[0]'.repeat(31)}`, message: 'is nested more than 32 levels deep' });
  });

  it('accepts ordinary bodies', () => {
    expect(unsafeInput({ name: 'Zoë 🚀', tags: ['a'], plan: [{ quantity: 2 }], notes: null, n: 1e308 })).toBeUndefined();
    expect(unsafeInput(undefined)).toBeUndefined();
  });
});
