/**
 * A cooperative entry as the admin API receives it (JSON, or YAML — JSON is
 * YAML): read by the same rules as supergraph.yaml, errors as
 * `request body:<line>: <path>: <reason>`. An update is a partial entry merged
 * into the current one: a key set to null is removed (`"erp": null` under
 * `subgraphs` drops that role).
 */
import type { CooperativeEntry } from '../../core/registry';
import { ConfigError, parseYamlSource, type YamlSource } from '../../core/yamlConfig';
import { readCooperativeEntry } from '../config/supergraphConfig';

export const REQUEST_BODY = 'request body';

export function parseNewEntry(text: string, tenantGroups: readonly string[]): CooperativeEntry {
  return readCooperativeEntry(parseYamlSource(REQUEST_BODY, text), tenantGroups);
}

export function parsePatchedEntry(current: CooperativeEntry, text: string, tenantGroups: readonly string[]): CooperativeEntry {
  const patch = parseYamlSource(REQUEST_BODY, text);
  if (patch.value === null || typeof patch.value !== 'object' || Array.isArray(patch.value)) throw patch.error([], 'expected a mapping of the fields to change');
  const changes = patch.value as Record<string, unknown>;
  if (changes.id !== undefined && changes.id !== current.id) throw patch.error(['id'], `the id cannot change (${current.id}); remove the cooperative and add it under the new id`);
  const merged: YamlSource = { ...patch, value: mergeEntry(current, changes) };
  return readCooperativeEntry(merged, tenantGroups);
}

/** `current` with `changes` applied: null removes a key; `subgraphs` merges role by role. */
export function mergeEntry(current: CooperativeEntry, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'subgraphs' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.subgraphs = dropNulls({ ...current.subgraphs, ...(value as Record<string, unknown>) });
    } else if (value === null) {
      delete out[key];
    } else {
      out[key] = value;
    }
  }
  delete out.draining;
  return out;
}

function dropNulls(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== null));
}

export { ConfigError };
