/** Reading `gateway.cache` of supergraph.yaml (file:line errors like every other key). */
import type { ConfigPath, ConfigReader } from '../../core/yamlConfig';
import { DEFAULT_PRIVATE_TYPES, familyOf, type CacheSettings } from './ttl';

export const CACHE_KEYS = ['ttl', 'privateTypes'];
const TYPE_NAME = /^(\*|[A-Za-z_][A-Za-z0-9_]*)$/;

export function readCacheSettings(r: ConfigReader, value: unknown, path: ConfigPath, tenantGroups: readonly string[]): CacheSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const v = r.object(value, path, CACHE_KEYS);
  const privateTypes = readPrivateTypes(r, v.privateTypes, [...path, 'privateTypes']);
  const isPrivate = (type: string) => privateTypes.includes(type) || privateTypes.includes(familyOf(type));
  const ttl: CacheSettings['ttl'] = {};
  const ttlPath = [...path, 'ttl'];
  if (v.ttl !== undefined && v.ttl !== null) {
    if (typeof v.ttl !== 'object' || Array.isArray(v.ttl)) throw r.source.error(ttlPath, 'expected a mapping: role → type → seconds');
    for (const [role, types] of Object.entries(v.ttl as Record<string, unknown>)) {
      const rolePath = [...ttlPath, role];
      if (!tenantGroups.includes(role)) throw r.source.error(rolePath, `"${role}" is not a tenant-group subgraph (tenant groups: ${tenantGroups.join(', ') || 'none declared'})`);
      if (types === null || typeof types !== 'object' || Array.isArray(types)) throw r.source.error(rolePath, 'expected a mapping: type → seconds');
      ttl[role] = {};
      for (const [type, seconds] of Object.entries(types as Record<string, unknown>)) {
        const typePath = [...rolePath, type];
        if (!TYPE_NAME.test(type)) throw r.source.error(typePath, 'expected a GraphQL type name (or * for the role default)');
        const s = r.number(seconds, typePath, { min: 0 })!;
        if (s > 0 && type !== '*' && isPrivate(type)) {
          throw r.source.error(typePath, `${type} answers are per buyer and never cached (privateTypes: ${privateTypes.join(', ')})`);
        }
        ttl[role][type] = s;
      }
    }
  }
  return { ttl, privateTypes };
}

function readPrivateTypes(r: ConfigReader, value: unknown, path: ConfigPath): string[] {
  if (value === undefined || value === null) return [...DEFAULT_PRIVATE_TYPES];
  const list = r.list(value, path).map((item, i) => r.requiredString(item, [...path, i], { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, hint: 'a GraphQL type name' }));
  // Orders are always private: a config may add types, never remove Order.
  return [...new Set([...DEFAULT_PRIVATE_TYPES, ...list])];
}
