/** Client-side checks that mirror Stoker's server rules, so forms can say what is wrong as you type. */

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const TOKEN_NAME_PATTERN = /^[\p{L}\p{N} ._-]{1,100}$/u;
export const MAX_TOKEN_DAYS = 3650;

export type Errors<K extends string> = Partial<Record<K, string>>;

export function validateUsername(value: string): string | undefined {
  if (!value) return 'Enter a user name.';
  if (value.length < 2) return 'At least 2 characters.';
  if (value.length > 64) return 'At most 64 characters.';
  if (/[A-Z]/.test(value)) return 'Use lower-case letters only.';
  if (!/^[a-z0-9]/.test(value)) return 'Start with a letter or digit.';
  if (!USERNAME_PATTERN.test(value)) return "Only lower-case letters, digits, '.', '_' and '-'.";
  return undefined;
}

export function validatePassword(value: string, min = MIN_PASSWORD_LENGTH): string | undefined {
  if (!value) return 'Enter a password.';
  if (value.length < min) return `At least ${min} characters (${min - value.length} more).`;
  if (value.length > MAX_PASSWORD_LENGTH) return `At most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}

export function validateTokenName(value: string): string | undefined {
  if (!value.trim()) return 'Give the token a name, e.g. "CI pipeline".';
  if (value.length > 100) return 'At most 100 characters.';
  if (!TOKEN_NAME_PATTERN.test(value)) return "Only letters, digits, spaces, '.', '_' and '-'.";
  return undefined;
}

/** Expiry in days: empty means never. */
export function validateExpiryDays(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) return 'Whole days, e.g. 90.';
  const days = Number(value);
  if (days < 1 || days > MAX_TOKEN_DAYS) return `Between 1 and ${MAX_TOKEN_DAYS} days.`;
  return undefined;
}

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}
