import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@app/common';
import {
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_SUBJECT_TYPES,
  NotificationAudience,
  NotificationKind,
  NotificationStatus,
  NotificationSubjectType,
} from '@app/notifications';
import { oneOf } from '../core/validators';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS, oneOf(NOTIFICATION_KINDS))
  kind?: NotificationKind;
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, oneOf(NOTIFICATION_STATUSES))
  status?: NotificationStatus;
  @ApiPropertyOptional({ enum: NOTIFICATION_AUDIENCES })
  @IsOptional()
  @IsIn(NOTIFICATION_AUDIENCES, oneOf(NOTIFICATION_AUDIENCES))
  audience?: NotificationAudience;
  @ApiPropertyOptional({ format: 'uuid', description: 'The contract, deliverable or brand it is about' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  subjectId?: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_SUBJECT_TYPES }) subjectType: NotificationSubjectType;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ description: 'Days before the moment it reminds of (0 for events)' }) offsetDays: number;
  @ApiProperty({
    enum: NOTIFICATION_AUDIENCES,
    description:
      'Who the email is written to: the influencer (with List-Unsubscribe) or the brand managers; a moment for both has a row each',
  })
  audience: NotificationAudience;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The email subject, once rendered' }) subject: string | null;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, description: 'late: due while the worker was down, not sent yet' })
  status: NotificationStatus;
  @ApiProperty({ description: 'Sent after its moment (downtime catch-up)' }) late: boolean;
  @ApiProperty() dueAt: Date;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty({ description: 'Delivery attempts made' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed or was skipped; the last transient error while retrying' })
  error: string | null;
  @ApiProperty() createdAt: Date;
}

export class NotificationList {
  @ApiProperty({ type: [NotificationView] }) data: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
