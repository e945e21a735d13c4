export enum Role {
  Viewer = 'viewer',
  Manager = 'manager',
  Admin = 'admin',
  Owner = 'owner',
}

const rank: Record<Role, number> = { viewer: 0, manager: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}
