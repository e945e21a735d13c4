import type { FieldError } from '@app/common';
import type { AttributedBy, ConversionSource, CustomerType } from './entities/conversion.entity';

/** One conversion as the single route, the batch route and the Shopify webhook hand it to IngestConversions. */
export interface ConversionInput {
  source: ConversionSource;
  externalId: string;
  /** ISO 8601 with offset. */
  occurredAt: string;
  /** Gross, before discount, decimal string in `currency`. */
  amount: string;
  discount?: string;
  currency: string;
  relationshipId?: string;
  code?: string;
  link?: string;
  customerType?: CustomerType;
  /** Brand currency per unit of `currency`; required when they differ. */
  fxRate?: string;
  /** Keep the conversion with no relationship when its code or link is unknown or out of its window. */
  unattributed?: boolean;
}

/** Indexes refer to the input array. */
export interface IngestResult {
  inserted: { index: number; id: string }[];
  /** Already recorded with the same values. */
  duplicates: number[];
  /** Already recorded with other values (the recorded ones are kept): the input fields that differ. */
  conflicts: { index: number; fields: string[] }[];
  rejected: { index: number; errors: FieldError[] }[];
}

/** Who a conversion is attributed to, once codes and links are resolved. */
export interface Attribution {
  relationshipId: string | null;
  attributedBy: AttributedBy | null;
  trackingCodeId: string | null;
}
