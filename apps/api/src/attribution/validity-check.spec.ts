import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsString, ValidateNested, validateSync, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import fc from 'fast-check';
import { validateBatch } from './conversion-batch';
import { CreateConversionRequest } from './conversions.dto';
import { validityCheck } from './validity-check';

const options = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } };

// Each field mostly valid (or absent when optional), else a near miss, a wrong type, null or absent; sometimes an
// unknown key: about a third of the items come out valid.
const ABSENT = Symbol('absent');
const field = (valid: unknown[], invalid: unknown[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const item = fc
  .record({
    source: field(['api', 'csv'], ['shopify', 'API', '', 1, null, ABSENT]),
    externalId: field(['order-1', ' order-2 ', 'x'.repeat(255)], ['', 'x'.repeat(256), 7, null, ABSENT]),
    occurredAt: field(
      ['2026-03-01T18:00:00Z', '2026-03-01T18:00:00+01:00'],
      ['2026-03-01T18:00:00', '2026-02-30T10:00:00Z', 'yesterday', 0, null, ABSENT],
    ),
    amount: field(['120.00', '0', '1.2345'], ['1.23456', '-1', '1e3', 120, null, ABSENT]),
    discount: field([ABSENT, '12.00', '0.0001'], ['abc', 3, null]),
    currency: field(['EUR', 'JPY'], ['eur', 'XXY', '', null, ABSENT]),
    relationshipId: field([ABSENT, '6f1c1b7e-5d0a-4a4e-9a7e-3f8a1c2b4d5e'], ['not-a-uuid', '', null]),
    code: field([ABSENT, 'ANNA10', ' anna10 '], ['', 'x'.repeat(101), 10, null]),
    link: field([ABSENT, 'anna-summer', 'Anna-Summer '], ['', null]),
    customerType: field([ABSENT, 'new', 'returning'], ['old', null]),
    fxRate: field([ABSENT, '0.9215', '12.5'], ['0', '0.0', '1.12345678901', '12345678901', 0.9, null]),
    unattributed: field([ABSENT, true, false], ['true', null]),
    extra: field([ABSENT], ['x', null]),
  })
  .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ABSENT)));

describe(validityCheck.name, () => {
  const isValid = validityCheck(CreateConversionRequest);

  it('agrees with validateSync on the DTO for any item, plain or instance', () => {
    fc.assert(
      fc.property(item, (plain) => {
        const instance = plainToInstance(CreateConversionRequest, plain);
        const valid = validateSync(instance, options).length === 0;
        expect(isValid(instance)).toBe(valid);
        expect(isValid(plain)).toBe(valid);
        // validateBatch hands the plain item on when valid: sound while the DTO has no class-transformer rule
        // (@Transform, @Type, @Expose...), i.e. while the instance carries exactly the plain values.
        expect(Object.fromEntries(Object.entries(instance).filter(([, value]) => value !== undefined))).toEqual(plain);
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses at load a class with a rule it cannot evaluate', () => {
    class Child {
      @IsString() name: string;
    }
    class Nested {
      @ValidateNested() child: Child;
    }
    class Each {
      @IsString({ each: true }) tags: string[];
    }
    @ValidatorConstraint({ async: true })
    class Remote implements ValidatorConstraintInterface {
      validate(): Promise<boolean> {
        return Promise.resolve(true);
      }
    }
    class Async {
      @Validate(Remote) name: string;
    }
    expect(() => validityCheck(Nested)).toThrow(/not supported/);
    expect(() => validityCheck(Each)).toThrow(/not supported/);
    expect(() => validityCheck(Async)).toThrow(/async constraint/);
  });
});

describe(validateBatch.name, () => {
  it('keeps the valid items and reports the others with the errors validateSync gives', async () => {
    const good = {
      source: 'api',
      externalId: 'o-1',
      occurredAt: '2026-03-01T18:00:00Z',
      amount: '10.00',
      currency: 'EUR',
      relationshipId: '6f1c1b7e-5d0a-4a4e-9a7e-3f8a1c2b4d5e',
    };
    const bad = { ...good, amount: 10, extra: 1 };
    const { valid, positions, rejected } = await validateBatch([good, bad, plainToInstance(CreateConversionRequest, good)]);
    expect(valid).toEqual([good, good]);
    expect(positions).toEqual([0, 2]);
    expect(rejected).toEqual([
      {
        index: 1,
        errors: [
          { field: 'extra', message: 'should not exist' },
          { field: 'amount', message: 'must be a non-negative decimal string such as "1250.00"' },
        ],
      },
    ]);
  });
});
