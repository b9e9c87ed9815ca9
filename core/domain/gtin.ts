/** GS1 GTIN-8/12/13/14 with its mod-10 check digit (DOMAIN.md). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  // Weights 3,1,3,1… counted from the right of the body (the digit left of the check).
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - 1 - i;
    sum += Number(body[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(value: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(value)) return false;
  return gtinCheckDigit(value.slice(0, -1)) === Number(value[value.length - 1]);
}

/** Trimmed GTIN when valid, else null (legacy systems store junk here). */
export function normalizeGtin(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = String(value).trim();
  return isValidGtin(trimmed) ? trimmed : null;
}
