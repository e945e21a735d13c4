import { SetMetadata } from '@nestjs/common';
import { Role } from './roles';

export const PUBLIC_ROUTE = 'acrm:public';
export const REQUIRED_ROLE = 'acrm:role';

/** No token needed (signup, login, health, signed webhooks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Lowest role allowed; without it reads need viewer and writes need manager. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
