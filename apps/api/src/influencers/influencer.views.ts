import { ApiProperty } from '@nestjs/swagger';
import { ImportResult, InfluencerRecord, InfluencerRef, Platform, PLATFORMS, SocialAccountRecord, Tier, TIERS } from '@app/influencers';

export class SocialAccountView implements SocialAccountRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  @ApiProperty() handle: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: 'integer' }) followers: number;
  @ApiProperty({ type: String, nullable: true, example: '3.25', description: 'Percent' }) engagementRate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) asOf: string | null;
}

/** Who an influencer is, in the lists of relationships, contracts and deliverables. */
export class InfluencerRefView implements InfluencerRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The main handle: of the account with the most followers; null without accounts',
  })
  handle: string | null;
  @ApiProperty({ enum: PLATFORMS, nullable: true, description: 'The platform of that handle' }) platform: Platform | null;
}

export class InfluencerView implements InfluencerRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: TIERS, description: "From the largest account's followers and the workspace thresholds" }) tier: Tier;
  @ApiProperty({ type: 'integer' }) maxFollowers: number;
  @ApiProperty({ type: [SocialAccountView], description: 'Largest audience first' }) socialAccounts: SocialAccountView[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class InfluencerList {
  @ApiProperty({ type: [InfluencerView] }) data: InfluencerView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ImportFieldError {
  @ApiProperty({ example: 'instagram_followers', description: 'The CSV column' }) field: string;
  @ApiProperty() message: string;
}

export class ImportRowRejection {
  @ApiProperty({ type: 'integer', description: 'Line of the row in the file; the header is line 1' }) row: number;
  @ApiProperty({ type: [ImportFieldError] }) errors: ImportFieldError[];
}

export class ImportReport implements ImportResult {
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: [ImportRowRejection] }) rejected: ImportRowRejection[];
}
