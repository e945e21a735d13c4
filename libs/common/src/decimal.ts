/**
 * Exact decimal arithmetic for money: values travel as decimal strings and are computed as BigInt counts of
 * 10^-scale units, so no amount ever passes through a float. No decimal library is installed; this is enough.
 */
export function toUnits(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const start = negative ? 1 : 0;
  const dot = value.indexOf('.', start);
  const whole = dot === -1 ? value.slice(start) : value.slice(start, dot);
  const fraction = dot === -1 ? '' : value.slice(dot + 1);
  const units =
    fraction.length > scale
      ? rescale(BigInt(whole + fraction), fraction.length, scale)
      : digitsToUnits(whole + fraction, scale - fraction.length);
  return negative ? -units : units;
}

/**
 * `digits` × 10^shift. Up to 15 digits a double holds the integer exactly, and BigInt of a number is several
 * times cheaper than BigInt of a string (figures of a 10,000-relationship report parse ~200,000 amounts).
 */
function digitsToUnits(digits: string, shift: number): bigint {
  // Number() would also read "1e5" or "0x1f", which BigInt() refuses: the fast path takes plain digits only.
  const exact = digits.length <= 15 && DIGITS.test(digits) ? BigInt(Number(digits)) : BigInt(digits);
  return shift === 0 ? exact : exact * pow10(shift);
}

const DIGITS = /^\d*$/;
const POW10 = Array.from({ length: 24 }, (_, n) => 10n ** BigInt(n));

/** 10^n, from a table for the scales money uses instead of an exponentiation per call. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** n / d rounded half to even (banker's rounding), d > 0: the domain's rounding rule for money. */
export function divHalfEven(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  const twiceRest = 2n * (n % d < 0n ? -(n % d) : n % d);
  if (twiceRest < d || (twiceRest === d && quotient % 2n === 0n)) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

/** Units at `from` decimals expressed at `to` decimals, rounded half-even when decimals are dropped. */
export function rescale(units: bigint, from: number, to: number): bigint {
  return to >= from ? units * pow10(to - from) : divHalfEven(units, pow10(from - to));
}

/** A stored numeric ("12.3450") presented with `digits` decimals, rounded half-even. */
export function roundTo(value: string, digits: number): string {
  return fromUnits(toUnits(value, digits), digits);
}

export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const diff = toUnits(a, scale) - toUnits(b, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}
