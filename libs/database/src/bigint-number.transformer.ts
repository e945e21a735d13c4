import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; followers and metric counts stay far below 2^53, so a number is exact. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
