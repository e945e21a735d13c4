import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MailOutboxQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'The newest messages first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

export class OutboxMessageView {
  @ApiProperty({ example: '2026-12-05T08-40-12-123Z-abc@example.com.eml', description: 'File name in the outbox directory' })
  file: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  date: string | null;

  @ApiProperty({ example: 'Ambassador CRM <no-reply@localhost>' })
  from: string;

  @ApiProperty({ type: [String], example: ['maya@example.com'] })
  to: string[];

  @ApiProperty({ example: 'Renewal: Elias Schmidt ends in 30 days' })
  subject: string;

  @ApiProperty({ type: [String], description: 'The http(s) links of the message, in order' })
  links: string[];

  @ApiProperty({ description: 'The text part of the message' })
  text: string;
}

export class OutboxMessageList {
  @ApiProperty({ type: [OutboxMessageView] })
  data: OutboxMessageView[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: the newest `limit` messages only' })
  nextCursor: null;
}
