/** Parsing of the number, money and date formats legacy systems use (DOMAIN.md). */
import type { Money } from './money';

/** `"12,000"`, `"12,000원"`, `" 12000 "`, `12000` → 12000; anything else → null. */
export function parseAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim().replace(/원$/, '').trim();
  // Commas only as thousands separators: "12.000,00" is not 12 won.
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed.replace(/,/g, ''));
}

export const VAT_RATE = 0.1;

/**
 * Money excluding VAT from a legacy price. A VAT-inclusive price P splits into
 * supply amount round(10P / 11) and VAT P − supply (so the two add up to what the
 * legacy system charged); an exclusive price A gets VAT round(A × 0.1).
 * 10P/11 is exact in doubles for integer P and never lands on .5, so SQL
 * adapters get the same amount with integer arithmetic `(10 * P + 5) / 11`.
 */
export function toMoney(price: number, includesVat: boolean): Money {
  if (includesVat) {
    const amount = Math.round((price * 10) / 11);
    return { amount, vat: Math.round(price) - amount, currency: 'KRW' };
  }
  const amount = Math.round(price);
  return { amount, vat: Math.round(amount * VAT_RATE), currency: 'KRW' };
}

/** Money for `quantity` units of `unit` (supply amount and VAT scale separately). */
export function multiplyMoney(unit: Money, quantity: number): Money {
  return { amount: unit.amount * quantity, vat: unit.vat * quantity, currency: 'KRW' };
}

export function addMoney(a: Money, b: Money): Money {
  return { amount: a.amount + b.amount, vat: a.vat + b.vat, currency: 'KRW' };
}

export const ZERO_KRW: Money = { amount: 0, vat: 0, currency: 'KRW' };

/**
 * `YYYYMMDD` (optionally `HHmmss`) in Korea's time → ISO 8601 with +09:00, or
 * null when the date does not exist (20240231) or is malformed.
 */
export function parseLegacyDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', se = '00'] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
  if (+h > 23 || +mi > 59 || +se > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}+09:00`;
}

/** Formats an instant as ISO 8601 in Asia/Seoul (+09:00; Korea has no DST). */
export function toSeoulIso(instant: string | number | Date): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  const shifted = new Date(ms + 9 * 3600_000).toISOString(); // e.g. 2026-03-01T00:30:00.000Z
  return `${shifted.slice(0, 19)}+09:00`;
}

/** `YYYY-MM` of an instant in Asia/Seoul. */
export function seoulMonth(instant: string): string {
  return toSeoulIso(instant).slice(0, 7);
}

/** `YYYYMMDD` of an instant in Asia/Seoul (for legacy systems that want it). */
export function toLegacyDate(instant: string | number | Date): string {
  return toSeoulIso(instant).slice(0, 10).replace(/-/g, '');
}
