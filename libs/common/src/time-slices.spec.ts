import { timeSlices } from './time-slices';

describe('timeSlices', () => {
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('lets a timer due during a long loop run inside the loop, not after it', async () => {
    const slice = timeSlices(5);
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    for (let row = 0; row < 20; row++) {
      busy(1);
      order.push(`row ${row}`);
      await slice();
    }
    expect(order.indexOf('timer')).toBeGreaterThan(0);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
  });

  it('does not give up a turn while the slice has time left', async () => {
    const slice = timeSlices(60_000);
    let ranTimer = false;
    setImmediate(() => (ranTimer = true));
    for (let row = 0; row < 100; row++) await slice();
    expect(ranTimer).toBe(false);
  });
});
