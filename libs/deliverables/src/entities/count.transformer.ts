import { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; counts and audiences stay far below 2^53, so a number is exact. */
export const countNumber: ValueTransformer = { to: (value: number | null | undefined) => value, from: (value: string | null) => (value === null ? null : Number(value)) };
