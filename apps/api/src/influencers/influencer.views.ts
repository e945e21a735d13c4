import { ApiProperty } from '@nestjs/swagger';
import { ImportResult, Influencer, PLATFORMS, SocialAccount, TIERS } from '@app/influencers';

export class SocialAccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLATFORMS }) platform: string;
  @ApiProperty() handle: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: 'integer' }) followers: number;
  @ApiProperty({ type: String, nullable: true, example: '3.25', description: 'Percent' }) engagementRate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) asOf: string | null;
}

export class InfluencerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: TIERS, description: "From the largest account's followers and the workspace thresholds" }) tier: string;
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

/** numeric(7,4) reads back as "3.2500"; clients get the shortest exact form. */
const trimDecimal = (value: string | null) => (value === null ? null : value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));

const accountView = (a: SocialAccount): SocialAccountView => ({
  id: a.id,
  platform: a.platform,
  handle: a.handle,
  url: a.url,
  followers: a.followers,
  engagementRate: trimDecimal(a.engagementRate),
  asOf: a.asOf,
});

export const influencerView = (i: Influencer): InfluencerView => ({
  id: i.id,
  name: i.name,
  email: i.email,
  country: i.country,
  tags: i.tags,
  notes: i.notes,
  tier: i.tier,
  maxFollowers: i.maxFollowers,
  socialAccounts: (i.socialAccounts ?? []).map(accountView),
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});
