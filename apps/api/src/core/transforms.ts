import { Transform } from 'class-transformer';

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
export const UpperCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** A query list given as repeated parameters or separated by commas (?status=a,b or ?status=a&status=b). */
export const CommaList = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : value,
  );
