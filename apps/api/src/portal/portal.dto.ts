import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PAYEE_VISIBLE_STATUSES, PayoutStatus } from '@app/payouts';
import { Trim } from '../core/transforms';
import { HttpUrl } from '../core/validators';
import { ContractView } from '../contracts/contract.views';

export class PortalSignInRequest {
  @ApiProperty({ format: 'uuid', description: 'The workspace (brand team) the ambassador works with; their emails name it' })
  @IsUUID()
  workspaceId: string;
  @ApiProperty({ format: 'email' }) @Trim() @IsEmail() @MaxLength(320) email: string;
}

export class PortalSignInAccepted {
  @ApiProperty({ description: 'Always the same, whether or not the email belongs to an ambassador of the workspace' })
  message: string;
}

export class PortalExchangeRequest {
  @ApiProperty({ description: 'The token of a sign-in link or of the link in any email to the ambassador' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  token: string;
}

export class PortalSessionOpened {
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ example: '/deliverables/7b0c…', description: 'The portal page the link is about (under /portal)' }) path: string;
}

export class PortalSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ description: 'The session making this request' }) current: boolean;
}

export class PortalSessionList {
  @ApiProperty({ type: [PortalSessionView] }) data: PortalSessionView[];
}

class PortalInfluencerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

class PortalWorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class PortalMeView {
  @ApiProperty({ type: PortalInfluencerView }) influencer: PortalInfluencerView;
  @ApiProperty({ type: PortalWorkspaceView }) workspace: PortalWorkspaceView;
}

class PortalBrandView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty() timezone: string;
}

class PortalContactView {
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class PortalRelationshipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['prospect', 'active', 'lapsed', 'ended'] }) status: string;
  @ApiProperty({ type: PortalBrandView }) brand: PortalBrandView;
  @ApiProperty({ type: PortalContactView, nullable: true }) contact: PortalContactView | null;
}

export class PortalRelationshipList {
  @ApiProperty({ type: [PortalRelationshipView] }) data: PortalRelationshipView[];
}

export class PortalContractList {
  @ApiProperty({ type: [ContractView] }) data: ContractView[];
}

export class PortalTermsView {
  @ApiProperty({ type: ContractView }) contract: ContractView;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The canonical terms, as the ambassador accepts them' })
  terms: Record<string, unknown>;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical terms: send it back to accept exactly these' }) termsSha256: string;
}

export class AcceptTermsRequest {
  @ApiProperty({ example: 'Maya Laurent', description: 'Typed in full by the ambassador as their signature' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;
  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    description: 'termsSha256 of the terms shown (GET /v1/portal/contracts/:id); 409 if they changed since',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex' })
  termsSha256: string;
}

export class PortalSubmitRequest {
  @ApiProperty({ format: 'uri', example: 'https://drive.example.com/draft-1', description: 'Where the draft content can be reviewed' })
  @HttpUrl()
  contentUrl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(5_000) caption?: string | null;
}

export class PortalPostUrlRequest {
  @ApiProperty({ format: 'uri', example: 'https://www.instagram.com/p/C0ffee/', description: 'The live post of approved content' })
  @HttpUrl()
  postUrl: string;
}

export class PortalCodeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty() brandName: string;
  @ApiProperty({ enum: ['code', 'link'] }) kind: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) destinationUrl: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTo: Date | null;
}

export class PortalCodeList {
  @ApiProperty({ type: [PortalCodeView] }) data: PortalCodeView[];
}

export class PortalEarningsMonthView {
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty() brandName: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ example: '1250.00', description: 'Retainer accrued in the month' }) retainer: string;
  @ApiProperty({ example: '300.00', description: 'Fees of deliverables published in the month' }) fees: string;
  @ApiProperty({ example: '42.10', description: 'Commission on orders of the month still in their locking period' })
  commissionPending: string;
  @ApiProperty({ example: '88.00', description: 'Commission approved in the month' }) commissionApproved: string;
  @ApiProperty({ example: '20.00', description: 'Sales refunded in the month (they earn no commission)' }) refunds: string;
}

export class PortalEarningsList {
  @ApiProperty({ type: [PortalEarningsMonthView] }) data: PortalEarningsMonthView[];
}

export class PortalPayoutView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PAYEE_VISIBLE_STATUSES, description: 'failed: not paid; its amount goes to the next payout' }) status: PayoutStatus;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1250.00', description: "In the currency's minor units" }) total: string;
  @ApiProperty({ format: 'date', description: 'Earnings through this day' }) periodEnd: string;
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: "The payment's reference, once paid" }) reference: string | null;
}

export class PortalPayoutList {
  @ApiProperty({ type: [PortalPayoutView], description: 'Approved, paid and failed payouts, newest period first' })
  data: PortalPayoutView[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PayPal a***@example.com',
    description: 'The payout method on file, always masked',
  })
  method: string | null;
}
