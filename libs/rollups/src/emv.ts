/**
 * The actions of a metric snapshot that EMV values (docs/metrics.md): EMV = Σ count × the workspace's rate for
 * the action. The one list: the rollup's SQL, the workspace settings (type, API fields, examples) and the docs'
 * defaults follow it. Each with the singular the API describes it by and the rate a new workspace starts with
 * (the column default of workspaces.emv_rates, set by migration). A new action: an entry here, and a migration
 * that adds its metric_snapshots column and its default rate.
 */
export const EMV_ACTIONS = {
  impressions: { unit: 'impression', defaultRate: '0.005' },
  views: { unit: 'view', defaultRate: '0.02' },
  likes: { unit: 'like', defaultRate: '0.10' },
  comments: { unit: 'comment', defaultRate: '0.50' },
  shares: { unit: 'share', defaultRate: '0.75' },
  saves: { unit: 'save', defaultRate: '0.50' },
  clicks: { unit: 'click', defaultRate: '0.90' },
} as const satisfies Record<string, { unit: string; defaultRate: string }>;

export type EmvAction = keyof typeof EMV_ACTIONS;
/** A rate is a decimal string in the brand's currency; an action without one counts 0. */
export type EmvRates = Partial<Record<EmvAction, string>>;

export const DEFAULT_EMV_RATES = Object.fromEntries(
  Object.entries(EMV_ACTIONS).map(([action, { defaultRate }]) => [action, defaultRate]),
) as Required<EmvRates>;

/** SQL: the EMV of the snapshot row `counts` at the rates of the jsonb `rates` (a workspace's emv_rates). */
export const emvSql = (counts: string, rates: string) =>
  Object.keys(EMV_ACTIONS)
    .map((action) => `${counts}.${action} * coalesce((${rates}->>'${action}')::numeric, 0)`)
    .join(' + ');
