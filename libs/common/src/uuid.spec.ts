import { isUuid } from './uuid';

describe(isUuid.name, () => {
  it('takes what PostgreSQL casts to uuid and refuses the rest', () => {
    expect(isUuid('0b9e3c1e-5f7a-4c2d-9e8f-1a2b3c4d5e6f')).toBe(true);
    expect(isUuid('0B9E3C1E-5F7A-4C2D-9E8F-1A2B3C4D5E6F')).toBe(true);
    for (const value of [
      '',
      'not-a-uuid',
      '0b9e3c1e-5f7a-4c2d-9e8f-1a2b3c4d5e6',
      '0b9e3c1e5f7a4c2d9e8f1a2b3c4d5e6f',
      undefined,
      null,
      42,
    ]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});
