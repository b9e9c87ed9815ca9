/**
 * YAML config files with line numbers in every error: supergraph.yaml and a
 * cooperative's adapter config both load through here, so a bad value names the
 * file, the line and the reason, and nothing starts half-configured.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';

export type ConfigPath = ReadonlyArray<string | number>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** The 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: ConfigPath): number | null;
  /** A ConfigError at `path`. */
  error(path: ConfigPath, reason: string): ConfigError;
}

export function loadYamlFile(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, null, `cannot read: ${(err as Error).message}`);
  }
  return parseYamlSource(file, text);
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    throw new ConfigError(file, line, first.message.split('\n')[0]);
  }
  const lineOf = (path: ConfigPath): number | null => lineOfPath(doc, lineCounter, path);
  return {
    file,
    value: doc.toJS(),
    lineOf,
    error: (path, reason) => new ConfigError(file, lineOf(path), `${formatPath(path)}${reason}`),
  };
}

function formatPath(path: ConfigPath): string {
  return path.length ? `${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}: ` : '';
}

function lineOfPath(doc: Document, counter: LineCounter, path: ConfigPath): number | null {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      // Point at the key's line: for a block value that is where the reader looks.
      last = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node) last = node;
    } else break;
  }
  const range = (last as YamlNode | null)?.range;
  return range ? counter.linePos(range[0]).line : null;
}

/** Small typed readers used by config validators; each throws a ConfigError at `path`. */
export class ConfigReader {
  constructor(readonly source: YamlSource) {}

  object(value: unknown, path: ConfigPath, allowed: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw this.source.error(path, 'expected a mapping');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw this.source.error([...path, key], `unknown key (allowed: ${allowed.join(', ')})`);
    }
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: ConfigPath, opts: { optional?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
    if (value === undefined || value === null) {
      if (opts.optional) return undefined;
      throw this.source.error(path, 'required');
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw this.source.error(path, 'expected a string');
    const s = String(value);
    if (opts.pattern && !opts.pattern.test(s)) throw this.source.error(path, `invalid value ${JSON.stringify(s)}${opts.hint ? ` (${opts.hint})` : ''}`);
    return s;
  }

  requiredString(value: unknown, path: ConfigPath, opts: { pattern?: RegExp; hint?: string } = {}): string {
    return this.string(value, path, opts)!;
  }

  number(value: unknown, path: ConfigPath, opts: { optional?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    if (value === undefined || value === null) {
      if (opts.optional) return undefined;
      throw this.source.error(path, 'required');
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.source.error(path, 'expected a number');
    if (opts.integer && !Number.isInteger(value)) throw this.source.error(path, 'expected an integer');
    if (opts.min !== undefined && value < opts.min) throw this.source.error(path, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw this.source.error(path, `must be ≤ ${opts.max}`);
    return value;
  }

  boolean(value: unknown, path: ConfigPath, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') throw this.source.error(path, 'expected true or false');
    return value;
  }

  list(value: unknown, path: ConfigPath): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw this.source.error(path, 'expected a list');
    return value;
  }

  stringMap(value: unknown, path: ConfigPath): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw this.source.error(path, 'expected a mapping');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = this.requiredString(v, [...path, k]);
    }
    return out;
  }
}
