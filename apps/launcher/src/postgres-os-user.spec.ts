import { canSearch, directoriesDownTo } from './postgres-os-user';

describe('postgres OS user access', () => {
  const postgres = { uid: 101, gid: 104 };

  it('lists a directory and every one above it, from the root down', () => {
    expect(directoriesDownTo('/root/crm/node_modules')).toEqual(['/', '/root', '/root/crm', '/root/crm/node_modules']);
    expect(directoriesDownTo('/')).toEqual(['/']);
  });

  it('decides passage by the owner, group or others bits, whichever class the user falls in', () => {
    expect(canSearch(postgres, { uid: 0, gid: 0, mode: 0o40700 })).toBe(false);
    expect(canSearch(postgres, { uid: 0, gid: 0, mode: 0o40701 })).toBe(true);
    expect(canSearch(postgres, { uid: 0, gid: 104, mode: 0o40701 })).toBe(false);
    expect(canSearch(postgres, { uid: 0, gid: 104, mode: 0o40710 })).toBe(true);
    expect(canSearch(postgres, { uid: 101, gid: 0, mode: 0o40001 })).toBe(false);
    expect(canSearch(postgres, { uid: 101, gid: 0, mode: 0o40700 })).toBe(true);
  });
});
