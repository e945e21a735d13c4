/**
 * An exact amount from the API (a decimal string already in the currency's minor units) with its currency:
 * "1,250.00 EUR", "5,000 JPY", "−0.125 KWD". The digits come from the string itself, never through a float:
 * for ledger lines, terms and payouts, where the person reading it is owed every cent.
 */
export function exactMoney(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  const negative = value.startsWith('-');
  const [whole, fraction] = value.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''} ${currency}`;
}

/** A headline figure, rounded to whole units through Intl in the brand's currency; never summed as a float here. */
export function money(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(Number(amount));
}

/** A ratio as a percentage; `signed` for changes and returns (ROI +12 %), not for rates (commission 10 %). */
export function percent(ratio: number | null | undefined, signed = true): string {
  if (ratio === null || ratio === undefined) return '—';
  return new Intl.NumberFormat(undefined, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(ratio);
}

/**
 * How long an auto-renewed term runs: "for 12 months", or, with no renewal length set, "for as long as this term"
 * (the rollover and `POST /v1/contracts/:id/renew` then repeat the current term's length).
 */
export function renewalLength(months: unknown): string {
  return typeof months === 'number' && months > 0 ? `for ${months} month${months === 1 ? '' : 's'}` : 'for as long as this term';
}

/** A calendar date (YYYY-MM-DD, already in the brand's zone) as "31 Dec 2026", without shifting it through a time zone. */
export function day(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant as a short relative phrase ("3 h ago"), for submissions and activity. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / (24 * 60))} days ago`;
}
