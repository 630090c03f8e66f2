import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_FILE, PASSWORD_MIN_LENGTH, passwordProblem } from '../../server/domain/password-policy';

describe('password policy', () => {
  it('refuses passwords shorter than 10 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(passwordProblem('Abc!12345')).toMatch(/10/);
    expect(passwordProblem('')).toMatch(/10/);
  });

  it('counts characters, not UTF-16 units or bytes (Vietnamese passwords)', () => {
    expect(passwordProblem('mậtkhẩu✓✓✓')).toBeNull(); // 10 characters
  });

  it('refuses a password from the bundled common list, whatever its letter case', () => {
    expect(passwordProblem('qwertyuiop')).toMatch(/common|phổ biến/i);
    expect(passwordProblem('Password123')).toMatch(/common|phổ biến/i);
    expect(passwordProblem('1234567890')).toMatch(/common|phổ biến/i);
    expect(passwordProblem('anhyeuem123')).toMatch(/common|phổ biến/i);
    expect(passwordProblem('change-me-please')).toMatch(/common|phổ biến/i); // the .env.example value
  });

  it('refuses the account e-mail (or its name part) as the password', () => {
    expect(passwordProblem('lan.nguyen.hcm', { email: 'lan.nguyen.hcm@example.gov.vn' })).toMatch(/e-mail/i);
  });

  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('test-password-1')).toBeNull();
    expect(passwordProblem('ngựa-xanh-bay-qua-sông')).toBeNull();
  });

  it('ships a list of over 1,500 entries, each 10 characters or more, lower case, with its source named', () => {
    const text = readFileSync(COMMON_PASSWORDS_FILE, 'utf8');
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(1500);
    for (const l of lines) {
      expect([...l].length).toBeGreaterThanOrEqual(10);
      expect(l).toBe(l.toLowerCase());
    }
    expect(text).toMatch(/^# .*Source: .*zxcvbn/ms);
  });
});
