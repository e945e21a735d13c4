import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Role } from './roles';

export const PUBLIC_ROUTE = 'acrm:public';
export const REQUIRED_ROLE = 'acrm:role';

/**
 * No token needed (signup, login, health, signed webhooks); on a method, so OpenAPI can say so too.
 * `summary: undefined` because ApiOperation merges its default `summary: ''` over the route's own
 * summary otherwise (undefined options are dropped before the merge), whichever decorator comes first.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiOperation({ security: [], summary: undefined }));

/** Lowest role allowed; without it reads need viewer and writes need manager. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
