import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsUrl, Matches, MaxLength } from 'class-validator';
import { Trim } from './transforms';

export const HttpUrl = () => applyDecorators(Trim(), IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }), MaxLength(2048));

/** ISO 8601 with an offset: a bare local time would be read in the server's zone. */
export const Timestamp = () => applyDecorators(IsISO8601({ strict: true }), Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'must be an ISO 8601 timestamp with an offset, such as 2026-03-01T18:00:00Z' }));
