import type { DeliverableAction } from './transitions';

/** The relationship's owner, or the brand's managers when it has none. */
const OWNER = `ARRAY(SELECT u.email FROM users u WHERE CASE WHEN r.owner_user_id IS NOT NULL THEN u.id = r.owner_user_id
  ELSE u.id IN (SELECT bm.user_id FROM brand_managers bm WHERE bm.brand_id = r.brand_id) END)`;

const row = (kind: string, audience: string, recipients: string) =>
  `SELECT d.workspace_id, '${kind}', 'deliverable', d.id, 0, :period, '${audience}', ${recipients}, 'scheduled', false, CAST(:now AS timestamptz)
     FROM deliverables d JOIN relationships r ON r.id = d.relationship_id JOIN influencers i ON i.id = r.influencer_id
    WHERE d.id = :deliverableId AND d.workspace_id = :workspaceId`;

/**
 * The emails a move sends at once (not the scanned reminders of libs/reminders), as NotificationSchedule
 * selections: one per move (the period is its instant). The ambassador learns that changes were requested
 * (the comment is on their portal page); content the ambassador hands in is announced to the owner.
 */
export function deliverableEmails(action: DeliverableAction, byAmbassador: boolean): string[] {
  if (action === 'requestChanges') return [`${row('changes_requested', 'influencer', 'ARRAY[i.email]')} AND i.email IS NOT NULL`];
  if (action === 'submit' && byAmbassador) return [row('deliverable_submitted', 'managers', OWNER)];
  return [];
}
