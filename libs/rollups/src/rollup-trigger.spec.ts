import { AppConfig } from '@app/config';
import { JobItem, JobName, JobQueue } from '@app/queue';
import { MAX_JOBS_PER_COMMIT, RollupTrigger } from './rollup-trigger';

describe(RollupTrigger.name, () => {
  function trigger() {
    const added: { item: JobItem; options: unknown }[] = [];
    const jobs = {
      isReachable: () => true,
      tryAdd: (item: JobItem, options: unknown) => (added.push({ item, options }), Promise.resolve()),
    } as unknown as JobQueue;
    return { added, touch: (ids: string[]) => new RollupTrigger(jobs, { ROLLUP_DEBOUNCE_MS: 2_000 } as AppConfig).touch(ids) };
  }
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `r-${i}`);

  it('asks for one debounced recompute per relationship of a small commit', () => {
    const { added, touch } = trigger();
    touch([...ids(MAX_JOBS_PER_COMMIT), 'r-0', null as never]);
    expect(added).toHaveLength(MAX_JOBS_PER_COMMIT);
    expect(added[0]).toEqual({
      item: { name: JobName.RollupsRelationship, data: { relationshipId: 'r-0' } },
      options: { delay: 2_000, deduplication: { id: 'rollup-r-0', keepLastIfActive: true } },
    });
  });

  it('asks for one debounced sweep instead when a commit touches more relationships', () => {
    const { added, touch } = trigger();
    touch(ids(MAX_JOBS_PER_COMMIT + 1));
    expect(added).toEqual([
      {
        item: { name: JobName.RollupsSweep, data: {} },
        options: { delay: 2_000, deduplication: { id: 'rollups-sweep-soon', keepLastIfActive: true } },
      },
    ]);
  });
});
