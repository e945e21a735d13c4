export const PLATFORMS = [
  'instagram',
  'tiktok',
  'youtube',
  'x',
  'twitch',
  'blog',
  'facebook',
  'linkedin',
  'pinterest',
  'snapchat',
  'threads',
  'other',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface SocialAccountInput {
  platform: Platform;
  handle: string;
  url?: string | null;
  followers: number;
  /** Percent 0–100 as a decimal string, stored as numeric so no float rounding creeps in. */
  engagementRate?: string | null;
  asOf?: string | null;
}

export interface InfluencerInput {
  name: string;
  email?: string | null;
  country?: string | null;
  tags?: string[];
  notes?: string | null;
  socialAccounts?: SocialAccountInput[];
}

/** People paste handles as they appear on the platform ("@lena"); the stored form has no "@". */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '');
}

export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}

/** Identity of an account in a workspace, as uq_social_accounts_workspace_platform_handle sees it. */
export function accountKey(account: { platform: string; handle: string }): string {
  return `${account.platform}:${account.handle.toLowerCase()}`;
}
