import { TrackingCode } from '@app/attribution';
import { TrackingCodeView } from './tracking-codes.dto';

export const trackingCodeView = ({
  id,
  relationshipId,
  kind,
  code,
  destinationUrl,
  validFrom,
  validTo,
  createdAt,
}: TrackingCode): TrackingCodeView => ({
  id,
  relationshipId,
  kind,
  code,
  destinationUrl,
  validFrom,
  validTo,
  createdAt,
});
