/**
 * Exact decimal arithmetic for money: values travel as decimal strings and are computed as BigInt counts of
 * 10^-scale units, so no amount ever passes through a float. No decimal library is installed; this is enough.
 */
export function toUnits(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length > scale) {
    const units = rescale(BigInt(whole + fraction), fraction.length, scale);
    return negative ? -units : units;
  }
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
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
  return to >= from ? units * 10n ** BigInt(to - from) : divHalfEven(units, 10n ** BigInt(from - to));
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
