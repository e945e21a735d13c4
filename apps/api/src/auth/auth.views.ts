import { User } from '@app/workspaces';
import { UserView } from './auth.dto';

export const userView = (u: User): UserView => ({ id: u.id, email: u.email, name: u.name, createdAt: u.createdAt });
