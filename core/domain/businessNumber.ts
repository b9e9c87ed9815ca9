/**
 * 사업자등록번호 (Korean business registration number): 10 digits written
 * XXX-XX-XXXXX with a check digit (DOMAIN.md "Identifiers and their checks").
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** The check digit for the first nine digits. */
export function businessNumberCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * WEIGHTS[i];
  sum += Math.floor((Number(nineDigits[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

/** Digits only, or null when the input is not 10 digits (hyphens and spaces allowed). */
export function businessNumberDigits(value: string): string | null {
  const digits = value.replace(/[-\s]/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

export function isValidBusinessNumber(value: string): boolean {
  const digits = businessNumberDigits(value);
  return digits !== null && businessNumberCheckDigit(digits) === Number(digits[9]);
}

/** Canonical `XXX-XX-XXXXX`, or null when the number is malformed or fails its check. */
export function normalizeBusinessNumber(value: string): string | null {
  if (!isValidBusinessNumber(value)) return null;
  const d = businessNumberDigits(value)!;
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}
