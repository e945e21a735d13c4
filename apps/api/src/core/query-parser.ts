import { parse } from 'qs';

/**
 * Express's 'extended' query parser is qs with its defaults, and qs turns a parameter repeated more than 20 times
 * (its arrayLimit) into an object keyed by index: the console's renewals asked for the ROI trends of 24 relationships
 * (`?relationshipId=` × 24) and got "must be an array" back. Here any array that fits in the query string (qs's own
 * limit of 1,000 parameters) stays an array, and each route's @ArrayMaxSize says how many it takes, by name.
 * allowPrototypes as Express sets it, so nothing else changes.
 */
const PARAMETER_LIMIT = 1000;

export function parseQuery(query: string): Record<string, unknown> {
  return parse(query, { allowPrototypes: true, parameterLimit: PARAMETER_LIMIT, arrayLimit: PARAMETER_LIMIT });
}
