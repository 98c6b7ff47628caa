import { ProviderSchema } from '../../policies/provider';

describe('provider record', () => {
  const valid = {
    agbCode: '00123456',
    name: 'Praktijk',
    locations: [{ agbCode: '00123457', name: 'Praktijk', city: 'Leiden' }],
    vektisRegistered: true,
    vecozoCertificate: true,
  };

  test('AGB codes keep their leading zeros', () => {
    expect(ProviderSchema.parse(valid).agbCode).toBe('00123456');
  });

  test.each([['1234567'], ['123456789'], ['1234567a'], [12345678]])('AGB code %p is refused', (agbCode) => {
    const r = ProviderSchema.safeParse({ ...valid, agbCode });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['agbCode']);
  });

  test('a contract that ends before it starts is refused', () => {
    const r = ProviderSchema.safeParse({ ...valid, contracts: [{ careType: 'zg', kind: 'zg', fromYear: 2026, toYear: 2025 }] });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['contracts.0.toYear', 'toYear is before fromYear']]);
  });
});
