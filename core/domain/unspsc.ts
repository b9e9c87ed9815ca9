/** UNSPSC: 8 digits, four 2-digit levels (segment, family, class, commodity). */
export type ClassificationLevel = 'SEGMENT' | 'FAMILY' | 'CLASS' | 'COMMODITY';

export function isUnspscCode(code: string): boolean {
  return /^\d{8}$/.test(code) && !code.startsWith('00');
}

export function levelOf(code: string): ClassificationLevel {
  if (code.endsWith('000000')) return 'SEGMENT';
  if (code.endsWith('0000')) return 'FAMILY';
  if (code.endsWith('00')) return 'CLASS';
  return 'COMMODITY';
}

export function segmentOf(code: string): string {
  return `${code.slice(0, 2)}000000`;
}

export function familyOf(code: string): string {
  return `${code.slice(0, 4)}0000`;
}

export function classOf(code: string): string {
  return `${code.slice(0, 6)}00`;
}

/** The parent code, or null for a segment. */
export function parentOf(code: string): string | null {
  switch (levelOf(code)) {
    case 'SEGMENT':
      return null;
    case 'FAMILY':
      return segmentOf(code);
    case 'CLASS':
      return familyOf(code);
    case 'COMMODITY':
      return classOf(code);
  }
}

/** Maps a local category code through the cooperative's table; unmapped → reported. */
export function mapCategory(
  local: string,
  table: Readonly<Record<string, string>>,
): { ok: true; value: string } | { ok: false; reason: string } {
  const key = local.trim();
  const mapped = Object.hasOwn(table, key) ? table[key] : undefined; // never Object.prototype's names
  if (mapped === undefined) return { ok: false, reason: `category ${JSON.stringify(local)} has no UNSPSC mapping` };
  if (!isUnspscCode(String(mapped))) return { ok: false, reason: `category ${JSON.stringify(local)} maps to ${mapped}, not an 8-digit UNSPSC code` };
  return { ok: true, value: String(mapped) };
}

/**
 * The local category codes whose UNSPSC mapping starts with `prefix`, sorted:
 * what a legacy system that filters by its own codes is asked for.
 */
export function localCodesUnder(prefix: string, table: Readonly<Record<string, string>>): string[] {
  return Object.keys(table)
    .filter((code) => {
      const mapped = mapCategory(code, table);
      return mapped.ok && mapped.value.startsWith(prefix);
    })
    .sort();
}

/** Valid `classificationPrefix` filter values: 2, 4, 6 or 8 digits. */
export function isClassificationPrefix(prefix: string): boolean {
  return /^\d{2}(\d{2}){0,3}$/.test(prefix);
}
