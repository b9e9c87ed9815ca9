/**
 * A cooperative's adapter config (`sbnet subgraph <role> --adapter <kind> --config coop.yaml`):
 * who the cooperative is, where its legacy system is, and how its local codes
 * map to the network's standards.
 */
import { dirname, resolve } from 'node:path';
import { COOPERATIVE_ID_PATTERN } from './ids';
import { ConfigReader, loadYamlFile, type YamlSource } from './yamlConfig';
import { isUnspscCode } from './domain/unspsc';
import { isRec20Unit } from './domain/units';

export interface CoopConfig {
  /** The cooperative id (prefix of every global id this subgraph hands out). */
  cooperative: string;
  /** Adapter-specific settings (url, database, folder, encoding…), paths resolved against the file. */
  legacy: Record<string, unknown>;
  /** Whether the legacy system's prices include 10% VAT. */
  pricesIncludeVat: boolean;
  /** Local category code → UNSPSC 8-digit code. */
  categories: Record<string, string>;
  /** Local unit word → UN/CEFACT Rec 20 code. */
  units: Record<string, string>;
  /** Shared secret for the gateway's signed identity header (optional). */
  gatewaySecret?: string;
  /** The directory of the config file; adapters resolve relative paths against it. */
  baseDir: string;
}

const KEYS = ['cooperative', 'legacy', 'pricesIncludeVat', 'categories', 'units', 'gatewaySecret'] as const;

export function loadCoopConfig(file: string): CoopConfig {
  return readCoopConfig(loadYamlFile(file));
}

export function readCoopConfig(source: YamlSource): CoopConfig {
  const r = new ConfigReader(source);
  const root = r.object(source.value, [], KEYS);
  const categories = r.stringMap(root.categories, ['categories']);
  for (const [local, code] of Object.entries(categories)) {
    if (!isUnspscCode(code)) throw source.error(['categories', local], `${code} is not an 8-digit UNSPSC code`);
  }
  const units = r.stringMap(root.units, ['units']);
  for (const [local, code] of Object.entries(units)) {
    if (!isRec20Unit(code)) throw source.error(['units', local], `${code} is not a Rec 20 unit code`);
  }
  const legacy = root.legacy == null ? {} : r.object(root.legacy, ['legacy'], Object.keys(root.legacy as object));
  return {
    cooperative: r.requiredString(root.cooperative, ['cooperative'], { pattern: COOPERATIVE_ID_PATTERN, hint: '[a-z][a-z0-9-]{1,31}' }),
    legacy,
    pricesIncludeVat: r.boolean(root.pricesIncludeVat, ['pricesIncludeVat'], false),
    categories,
    units,
    gatewaySecret: r.string(root.gatewaySecret, ['gatewaySecret'], { optional: true }),
    baseDir: dirname(resolve(source.file)),
  };
}

/** A legacy path setting resolved against the config file's folder. */
export function legacyPath(config: CoopConfig, key: string): string | undefined {
  const value = config.legacy[key];
  return typeof value === 'string' ? resolve(config.baseDir, value) : undefined;
}
