import { ApiProperty } from '@nestjs/swagger';
import { formatMoney } from '@app/common';
import { COST_KINDS, CostEntry, CostKind } from '@app/costs';

export class CostEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The term it accrued under; null for hand-entered costs' })
  contractId: string | null;
  @ApiProperty({ enum: COST_KINDS }) kind: CostKind;
  @ApiProperty({ example: '49.90', description: 'With the minor units of the currency; negative for a correction' }) amount: string;
  @ApiProperty({ example: 'EUR', description: "The brand's currency" }) currency: string;
  @ApiProperty({ format: 'date', description: "The day it counts on, in the brand's time zone" }) incurredOn: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'What caused it: the deliverable of a fee, the conversion of a commission',
  })
  sourceId: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdByUserId: string | null;
  @ApiProperty() createdAt: Date;
}

export class CostEntryList {
  @ApiProperty({ type: [CostEntryView] }) data: CostEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const toCostEntryView = ({
  id,
  relationshipId,
  contractId,
  kind,
  amount,
  currency,
  incurredOn,
  sourceId,
  description,
  createdByUserId,
  createdAt,
}: CostEntry): CostEntryView => ({
  id,
  relationshipId,
  contractId,
  kind,
  amount: formatMoney(amount, currency),
  currency,
  incurredOn,
  sourceId,
  description,
  createdByUserId,
  createdAt,
});
