import { User, Workspace } from '@app/workspaces';
import { UserView, WorkspaceView } from './auth.dto';

export const userView = (u: User): UserView => ({ id: u.id, email: u.email, name: u.name, createdAt: u.createdAt });

export const workspaceView = (w: Workspace): WorkspaceView => ({
  id: w.id,
  name: w.name,
  tierThresholds: { ...w.tierThresholds },
  conversionLockDays: w.conversionLockDays,
  emvRates: { ...w.emvRates },
  createdAt: w.createdAt,
});
