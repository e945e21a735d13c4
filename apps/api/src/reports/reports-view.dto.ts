import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SharedReportQuery {
  @ApiProperty({ description: 'The signed token of the link in a report email' }) @IsString() @MaxLength(1024) token: string;
}
