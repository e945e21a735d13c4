import bcrypt from 'bcryptjs';
import { AppConfig } from '@app/config';
import { PasswordService } from './password.service';

describe(PasswordService.name, () => {
  const passwords = new PasswordService({ BCRYPT_ROUNDS: 5 } as AppConfig);

  it('counts every byte of a password, past the 72 bcrypt reads', async () => {
    const stored = await passwords.hash(`${'a'.repeat(72)}first`);
    expect(await passwords.check(`${'a'.repeat(72)}first`, stored)).toEqual({ ok: true, rehash: false });
    expect(await passwords.check(`${'a'.repeat(72)}other`, stored)).toEqual({ ok: false, rehash: false });
    expect(await passwords.check('a'.repeat(72), stored)).toEqual({ ok: false, rehash: false });
  });

  it('accepts a plain bcrypt hash from before, and asks for a rehash; also one of another cost', async () => {
    expect(await passwords.check('old password', bcrypt.hashSync('old password', 4))).toEqual({ ok: true, rehash: true });
    expect(await passwords.check('wrong', bcrypt.hashSync('old password', 4))).toEqual({ ok: false, rehash: false });
    const cheaper = await new PasswordService({ BCRYPT_ROUNDS: 4 } as AppConfig).hash('a password');
    expect(await passwords.check('a password', cheaper)).toEqual({ ok: true, rehash: true });
  });

  it('does the same work for an unknown user as for a known one: the same scheme at the same cost', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      await passwords.check('a guess', await passwords.hash('the password'));
      await passwords.check('a guess', undefined);
      await passwords.check('a guess', null);
      const [known, unknown, missing] = compare.mock.calls.map(([input, hash]) => ({
        inputLength: input.length,
        rounds: bcrypt.getRounds(hash),
      }));
      expect(unknown).toEqual(known);
      expect(missing).toEqual(known);
      expect(known).toEqual({ inputLength: 44, rounds: 5 });
    } finally {
      compare.mockRestore();
    }
  });
});
