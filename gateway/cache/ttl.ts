/**
 * How long each cooperative's part of an answer is kept, by role and type
 * (supergraph.yaml `gateway.cache.ttl`, in seconds):
 *
 *   marketplace: { Product: 60, Supplier: 300 }
 *   erp: { Product: 10 }          # inventory: the erp role's Product fields
 *
 * A root field is cached under its named return type (`products` →
 * `ProductConnection`, `productStats` → `ProductStatsBucket`), an `_entities`
 * member under its representation's `__typename`. A type's TTL also covers its
 * connection and stats buckets unless they have their own entry; `'*'` is a
 * role's default. Private types (per buyer: `Order` and everything named after
 * it) are never cached, whatever the TTL.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type TypeNode } from 'graphql';

export interface CacheSettings {
  /** Role → type name (or `*`) → seconds; 0 = not cached. */
  ttl: Record<string, Record<string, number>>;
  /** Types whose answers are per buyer (never cached); their connections and stats buckets too. */
  privateTypes?: string[];
}

export const DEFAULT_PRIVATE_TYPES: readonly string[] = ['Order'];

/** Suffixes that name a type's list wrappers: `ProductConnection`, `OrderStatsBucket`… */
const FAMILY_SUFFIXES = ['Connection', 'StatsBucket', 'Stats', 'Edge'];

export function familyOf(type: string): string {
  for (const suffix of FAMILY_SUFFIXES) if (type.endsWith(suffix) && type.length > suffix.length) return type.slice(0, -suffix.length);
  return type;
}

export class CachePolicy {
  private readonly privateTypes: ReadonlySet<string>;

  constructor(
    private readonly settings: CacheSettings,
    /** Role → root field → named return type (from the role's schema). */
    private readonly rootTypes: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) {
    this.privateTypes = new Set(settings.privateTypes ?? DEFAULT_PRIVATE_TYPES);
  }

  /** From the tenant groups' schema files. */
  static fromSchemas(settings: CacheSettings, schemaFiles: Readonly<Record<string, string>>): CachePolicy {
    const rootTypes = Object.fromEntries(Object.entries(schemaFiles).map(([role, file]) => [role, rootFieldTypes(readFileSync(file, 'utf8'))]));
    return new CachePolicy(settings, rootTypes);
  }

  /** Whether anything at all is cached (some TTL above zero). */
  get enabled(): boolean {
    return Object.values(this.settings.ttl).some((types) => Object.values(types).some((s) => s > 0));
  }

  typeOfField(role: string, field: string): string | undefined {
    return this.rootTypes[role]?.[field];
  }

  isPrivate(type: string): boolean {
    return this.privateTypes.has(type) || this.privateTypes.has(familyOf(type));
  }

  /** Milliseconds to keep an answer of `type` from `role`; 0 = do not cache. */
  ttlMs(role: string, type: string | undefined): number {
    if (!type || this.isPrivate(type)) return 0;
    const byType = this.settings.ttl[role];
    if (!byType) return 0;
    const seconds = byType[type] ?? byType[familyOf(type)] ?? byType['*'] ?? 0;
    return Math.max(0, Math.round(seconds * 1000));
  }
}

/** Root field → named return type of `Query` and `Mutation` in an SDL (extensions included). */
export function rootFieldTypes(sdl: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (def.name.value !== 'Query' && def.name.value !== 'Mutation') continue;
    for (const field of def.fields ?? []) out[field.name.value] = namedType(field.type);
  }
  return out;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
