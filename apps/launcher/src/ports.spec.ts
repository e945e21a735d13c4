import { ephemeralRange, freePort, isPortFree } from './ports';

describe(freePort.name, () => {
  it('gives a port free now, below the range the OS takes source ports of outgoing connections from', async () => {
    const range = ephemeralRange();
    for (let i = 0; i < 5; i++) {
      const port = await freePort();
      expect(await isPortFree(port, '127.0.0.1')).toBe(true);
      if (range) expect(port).toBeLessThan(range[0]);
      expect(port).toBeGreaterThan(1024);
    }
  });
});
