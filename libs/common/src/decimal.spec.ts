import { compareDecimal, divHalfEven, fromUnits, rescale, roundTo, toUnits } from './decimal';

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
});
