import type { FieldError } from '@app/common';
import type { Attribution, ConversionInput } from './conversion-input';
import type { TrackingCodeMatch } from './services/tracking-codes.service';

export const UNATTRIBUTED: Attribution = Object.freeze({ relationshipId: null, attributedBy: null, trackingCodeId: null });

/**
 * Explicit relationship, else code, else link; `codes` holds the live matches keyed `kind:lowercased`. The
 * attribution, or the error naming the field (one object either way: batch ingest calls this per row).
 */
export function attribute(input: ConversionInput, codes: Map<string, TrackingCodeMatch>): Attribution | FieldError {
  if (input.relationshipId) return { relationshipId: input.relationshipId, attributedBy: 'relationship', trackingCodeId: null };
  const [field, kind, key] =
    input.code !== undefined
      ? (['code', 'code', input.code] as const)
      : input.link !== undefined
        ? (['link', 'link', input.link] as const)
        : [];
  let error: FieldError;
  if (!field) {
    error = { field: 'relationshipId', message: 'one of relationshipId, code or link is required, unless unattributed is true' };
  } else {
    const match = codes.get(`${kind}:${key.toLowerCase()}`);
    const at = new Date(input.occurredAt);
    if (match && (!match.validFrom || match.validFrom <= at) && (!match.validTo || at < match.validTo)) {
      return { relationshipId: match.relationshipId, attributedBy: kind, trackingCodeId: match.id };
    }
    error = match
      ? {
          field,
          message: `"${key}" is not valid at occurredAt (valid from ${match.validFrom?.toISOString() ?? 'the start'} until ${match.validTo?.toISOString() ?? 'further notice'})`,
        }
      : { field, message: `"${key}" is not a known ${kind === 'code' ? 'tracking code' : 'tracking link'}` };
  }
  // unattributed: kept for later review instead of being refused.
  return input.unattributed ? UNATTRIBUTED : error;
}
