import { deriveRelationshipStatus } from './relationship-status.rule';

describe(deriveRelationshipStatus.name, () => {
  it.each([
    [[], 'prospect'],
    [[{ termNumber: 1, status: 'draft' }], 'prospect'],
    [
      [
        { termNumber: 1, status: 'active' },
        { termNumber: 2, status: 'draft' },
      ],
      'active',
    ],
    [
      [
        { termNumber: 1, status: 'renewed' },
        { termNumber: 2, status: 'active' },
      ],
      'active',
    ],
    [
      [
        { termNumber: 1, status: 'renewed' },
        { termNumber: 2, status: 'ended' },
      ],
      'lapsed',
    ],
    [
      [
        { termNumber: 1, status: 'terminated' },
        { termNumber: 2, status: 'cancelled' },
      ],
      'ended',
    ],
    [
      [
        { termNumber: 1, status: 'terminated' },
        { termNumber: 2, status: 'ended' },
      ],
      'lapsed',
    ],
    [
      [
        { termNumber: 1, status: 'ended' },
        { termNumber: 2, status: 'terminated' },
        { termNumber: 3, status: 'draft' },
      ],
      'ended',
    ],
  ] as const)('%j → %s', (terms, expected) => {
    expect(deriveRelationshipStatus([...terms])).toBe(expected);
  });
});
