/**
 * UN/ECE Recommendation 20 unit codes (and Rec 21 packaging codes with the X
 * prefix) that SB-NET accepts. `BX` and `PK` are deliberately absent: they are
 * common mistakes, not codes.
 */
export const REC20_UNITS: ReadonlySet<string> = new Set([
  'EA', 'C62', 'H87', 'SET', 'PR', 'DZN', 'KGM', 'GRM', 'TNE', 'MTR', 'MTK', 'MTQ', 'LTR', 'CMT', 'MMT',
  'XBX', 'XCT', 'XBG', 'XRO', 'XPX', 'XPK', 'XBO', 'XCN', 'XSA',
]);

export function isRec20Unit(code: string): boolean {
  return REC20_UNITS.has(code);
}

export type MappingResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Maps a legacy unit word to a Rec 20 code through the cooperative's table.
 * An unmapped word is reported, never guessed.
 */
export function mapUnit(local: string, table: Readonly<Record<string, string>>): MappingResult {
  const key = local.trim();
  const own = Object.hasOwn(table, key) ? table[key] : undefined; // never Object.prototype's names
  const mapped = own ?? (isRec20Unit(key.toUpperCase()) ? key.toUpperCase() : undefined);
  if (mapped === undefined) return { ok: false, reason: `unit ${JSON.stringify(local)} has no Rec 20 mapping` };
  if (!isRec20Unit(mapped)) return { ok: false, reason: `unit ${JSON.stringify(local)} maps to ${mapped}, not a Rec 20 code` };
  return { ok: true, value: mapped };
}
