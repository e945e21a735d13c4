import { Workspace } from '@app/workspaces';
import { WorkspaceView } from './workspace.dto';

export const workspaceView = (w: Workspace): WorkspaceView => ({
  id: w.id,
  name: w.name,
  tierThresholds: { ...w.tierThresholds },
  conversionLockDays: w.conversionLockDays,
  emvRates: { ...w.emvRates },
  requireTermsAcceptance: w.requireTermsAcceptance,
  ambassadorsPublish: w.ambassadorsPublish,
  createdAt: w.createdAt,
});
