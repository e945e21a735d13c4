import { StatementBatcher } from './statement-batcher';

describe('StatementBatcher', () => {
  /** A statement the test finishes by hand, recording each batch it was given. */
  function manual(options = { maxBatch: 3, parallel: 1 }) {
    const batches: number[][] = [];
    const finish: (() => void)[] = [];
    const fail: ((error: Error) => void)[] = [];
    const batcher = new StatementBatcher<number, number>(
      (items) =>
        new Promise((resolve, reject) => {
          batches.push(items);
          finish.push(() => resolve(items.map((i) => i * 10)));
          fail.push(reject);
        }),
      options,
    );
    return { batcher, batches, finish, fail };
  }

  it('runs a lone call at once and gathers the calls made meanwhile into the next batches, answering each its own result', async () => {
    const { batcher, batches, finish } = manual();
    const first = batcher.call(1);
    const rest = [2, 3, 4, 5].map((i) => batcher.call(i));
    expect(batches).toEqual([[1]]);
    finish[0]();
    expect(await first).toBe(10);
    await new Promise(setImmediate);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]();
    await new Promise(setImmediate);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    finish[2]();
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
  });

  it('starts the calls of one callAll together, up to maxBatch a statement', async () => {
    const { batcher, batches, finish } = manual({ maxBatch: 3, parallel: 1 });
    const all = batcher.callAll([1, 2, 3, 4]);
    expect(batches).toEqual([[1, 2, 3]]);
    finish[0]();
    await new Promise(setImmediate);
    expect(batches).toEqual([[1, 2, 3], [4]]);
    finish[1]();
    expect(await all).toEqual([10, 20, 30, 40]);
  });

  it('keeps up to `parallel` statements in flight', () => {
    const { batcher, batches } = manual({ maxBatch: 10, parallel: 2 });
    [1, 2, 3, 4].forEach((i) => void batcher.call(i));
    expect(batches).toEqual([[1], [2]]);
  });

  it('rejects every call of a failed batch and goes on with the next', async () => {
    const { batcher, batches, finish, fail } = manual();
    const first = batcher.call(1);
    const second = [batcher.call(2), batcher.call(3)];
    fail[0](new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await new Promise(setImmediate);
    const third = batcher.call(4);
    fail[1](new Error('again'));
    for (const call of second) await expect(call).rejects.toThrow('again');
    expect(batches).toEqual([[1], [2, 3], [4]]);
    finish[2]();
    expect(await third).toBe(40);
  });

  it('rejects the batch when the statement throws before it returns a promise', async () => {
    const batcher = new StatementBatcher<number, number>(
      () => {
        throw new Error('sync');
      },
      { maxBatch: 5, parallel: 1 },
    );
    await expect(batcher.call(1)).rejects.toThrow('sync');
    await expect(batcher.call(2)).rejects.toThrow('sync');
  });
});
