import { Member } from '@app/workspaces';
import { MemberView } from './members.dto';

export const memberView = (m: Member): MemberView => ({
  id: m.id,
  userId: m.userId,
  email: m.user?.email ?? '',
  name: m.user?.name ?? '',
  role: m.role,
  createdAt: m.createdAt,
});
