import fc from 'fast-check';
import { compareDecimal, divHalfEven, fromUnits, pow10, rescale, roundTo, toUnits } from './decimal';

describe('decimal', () => {
  it('round-trips decimal strings through integer units', () => {
    expect(toUnits('1250.5', 4)).toBe(12505000n);
    expect(fromUnits(12505000n, 4)).toBe('1250.5000');
    expect(fromUnits(5n, 2)).toBe('0.05');
    expect(fromUnits(1250n, 0)).toBe('1250');
  });

  it('rounds half to even', () => {
    expect(divHalfEven(25n, 10n)).toBe(2n);
    expect(divHalfEven(35n, 10n)).toBe(4n);
    expect(divHalfEven(26n, 10n)).toBe(3n);
    expect(divHalfEven(-25n, 10n)).toBe(-2n);
    expect(rescale(1005n, 3, 2)).toBe(100n);
    expect(roundTo('10.125', 2)).toBe('10.12');
    expect(roundTo('10.135', 2)).toBe('10.14');
    expect(roundTo('7', 2)).toBe('7.00');
  });

  it('compares without floats', () => {
    expect(compareDecimal('10.10', '10.1')).toBe(0);
    expect(compareDecimal('0.1', '0.09999')).toBe(1);
    expect(compareDecimal('3', '12.5')).toBe(-1);
  });

  it('reads any decimal string as the integer its digits spell, whatever its length (doubles only carry 15 digits exactly)', () => {
    const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'), { maxLength: max }).map((d) => d.join(''));
    fc.assert(
      fc.property(fc.boolean(), digits(30), digits(10), fc.nat(8), (negative, whole, fraction, scale) => {
        const value = `${negative ? '-' : ''}${whole || '0'}${fraction ? `.${fraction}` : ''}`;
        // Exact by construction: all the digits as one integer, at the fraction's scale, moved to `scale`.
        const exact = BigInt(`${whole || '0'}${fraction}`) * (negative ? -1n : 1n);
        expect(toUnits(value, scale)).toBe(rescale(exact, fraction.length, scale));
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses what is not a decimal, as BigInt does', () => {
    for (const value of ['1e5', '12.5e3', '1.2.3', 'Infinity']) expect(() => toUnits(value, 4)).toThrow(SyntaxError);
  });

  it('has 10^n for any n', () => {
    for (const n of [0, 1, 4, 23, 24, 40]) expect(pow10(n)).toBe(10n ** BigInt(n));
  });
});
