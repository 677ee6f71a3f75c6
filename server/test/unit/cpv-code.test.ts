import { cpvCodeSchema } from '@dialogforum/contracts';
import { describe, expect, it } from 'vitest';

describe('CPV codes', () => {
  it('accepts codes of the published vocabulary, with or without the hyphen', () => {
    for (const code of ['45000000-7', '71356200-0', '72212000-4', '03113200-8', '48900000-7']) {
      expect(cpvCodeSchema.safeParse(code)).toEqual({ success: true, data: code });
    }
    expect(cpvCodeSchema.safeParse('450000007')).toEqual({ success: true, data: '45000000-7' });
  });

  it('accepts the codes the 2008 revision published with another check digit', () => {
    expect(cpvCodeSchema.safeParse('03300000-2').success).toBe(true);
  });

  it('refuses a wrong check digit and a wrong shape, each by its own name', () => {
    const issue = (value: string) => {
      const result = cpvCodeSchema.safeParse(value);
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(issue('45000000-8')).toBe('cpv_check_digit');
    expect(issue('4500000-7')).toBe('cpv_format');
    expect(issue('45000000-77')).toBe('cpv_format');
    expect(issue('CPV45000000')).toBe('cpv_format');
  });
});
