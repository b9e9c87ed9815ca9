/**
 * The UNSPSC tree the network subgraph serves. The repository ships a small
 * subset (the classes the demo cooperatives use); an operator adds the full
 * list with `classifications: { file }` in supergraph.yaml, whose titles win
 * over the shipped ones.
 *
 * The hierarchy comes from the code itself (core/domain/unspsc), not from a
 * parent column: a file cannot contradict it. When a code's parent is missing
 * from the data (a subset, a partial export), the nearest ancestor that is
 * present stands in, so the tree stays connected.
 */
import { readFileSync } from 'node:fs';
import { levelOf, parentOf, type ClassificationLevel } from '../../core/domain/unspsc';
import { projectPath } from '../../core/paths';
import { parseClassificationsCsv, type ClassificationRecord } from './classificationsCsv';

export interface Classification {
  code: string;
  title: string;
  titleKo: string | null;
  level: ClassificationLevel;
}

export interface ClassificationQuery {
  parent?: string | null;
  level?: ClassificationLevel | null;
}

/** The subset shipped with the network subgraph. */
export const SHIPPED_CLASSIFICATIONS_FILE = projectPath('subgraphs', 'network', 'data', 'unspsc-subset.csv');

/** Significant leading digits of a code at each level: its descendants share them. */
const PREFIX_LENGTH: Record<ClassificationLevel, number> = { SEGMENT: 2, FAMILY: 4, CLASS: 6, COMMODITY: 8 };

export class ClassificationStore {
  private readonly byCode = new Map<string, Classification>();
  /** All codes, ascending: descendants of a code are one contiguous run. */
  private readonly sortedCodes: string[];
  private readonly parentCode = new Map<string, string | null>();
  private readonly childCodes = new Map<string | null, string[]>();

  constructor(records: Iterable<ClassificationRecord>) {
    for (const r of records) this.byCode.set(r.code, { code: r.code, title: r.title, titleKo: r.titleKo ?? null, level: levelOf(r.code) });
    this.sortedCodes = [...this.byCode.keys()].sort();
    for (const code of this.sortedCodes) this.link(code);
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Classification | undefined {
    return this.byCode.get(code);
  }

  /** The nearest present ancestor, or undefined for a root. */
  parent(code: string): Classification | undefined {
    const parent = this.parentCode.get(code);
    return parent ? this.byCode.get(parent) : undefined;
  }

  /** Direct children in code order; [] for a leaf or an unknown code. */
  children(code: string): Classification[] {
    return this.resolve(this.childCodes.get(code) ?? []);
  }

  /** Classifications without a present ancestor: the segments (and orphans of a partial file). */
  roots(): Classification[] {
    return this.resolve(this.childCodes.get(null) ?? []);
  }

  /**
   * `parent` alone: its children. `level` alone: every classification at that
   * level. Both: the descendants of `parent` at `level`. Neither: the roots —
   * a full UNSPSC list has ~150,000 entries, too many for one answer.
   */
  list(query: ClassificationQuery = {}): Classification[] {
    const { parent, level } = query;
    if (parent && level) return this.descendants(parent).filter((c) => c.level === level);
    if (parent) return this.children(parent);
    if (level) return this.resolve(this.sortedCodes).filter((c) => c.level === level);
    return this.roots();
  }

  private descendants(code: string): Classification[] {
    const ancestor = this.byCode.get(code);
    if (!ancestor) return [];
    const prefix = code.slice(0, PREFIX_LENGTH[ancestor.level]);
    const out: Classification[] = [];
    for (let i = lowerBound(this.sortedCodes, prefix); i < this.sortedCodes.length && this.sortedCodes[i].startsWith(prefix); i++) {
      if (this.sortedCodes[i] !== code) out.push(this.byCode.get(this.sortedCodes[i])!);
    }
    return out;
  }

  private link(code: string): void {
    const parent = this.nearestAncestor(code);
    this.parentCode.set(code, parent);
    const siblings = this.childCodes.get(parent) ?? [];
    siblings.push(code); // codes arrive sorted, so children lists stay sorted
    this.childCodes.set(parent, siblings);
  }

  private nearestAncestor(code: string): string | null {
    for (let p = parentOf(code); p !== null; p = parentOf(p)) {
      if (this.byCode.has(p)) return p;
    }
    return null;
  }

  private resolve(codes: readonly string[]): Classification[] {
    return codes.map((c) => this.byCode.get(c)!);
  }
}

/** First index whose code is ≥ `prefix`. */
function lowerBound(sorted: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The shipped subset, overlaid with the operator's file when given. */
export function loadClassificationStore(options: { operatorFile?: string } = {}): ClassificationStore {
  const shipped = readClassificationsFile(SHIPPED_CLASSIFICATIONS_FILE);
  const operator = options.operatorFile ? readClassificationsFile(options.operatorFile) : [];
  return new ClassificationStore(overlay(shipped, operator));
}

/**
 * Reads a classifications CSV strictly: a bad row stops the load, because a
 * server should not start on data it silently dropped. `sbnet classifications
 * import` is the forgiving path that reports and skips.
 */
export function readClassificationsFile(file: string): ClassificationRecord[] {
  let parsed: ReturnType<typeof parseClassificationsCsv>;
  try {
    parsed = parseClassificationsCsv(readFileSync(file));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  if (parsed.skipped.length) {
    const [first] = parsed.skipped;
    const more = parsed.skipped.length > 1 ? ` (and ${parsed.skipped.length - 1} more bad rows)` : '';
    throw new Error(`${file}:${first.line}: ${first.reason}${more}; clean it with \`sbnet classifications import\``);
  }
  return parsed.records;
}

/** Operator rows replace shipped ones by code; a shipped Korean title survives when the operator has none. */
function overlay(base: readonly ClassificationRecord[], top: readonly ClassificationRecord[]): ClassificationRecord[] {
  const merged = new Map(base.map((r) => [r.code, r]));
  for (const r of top) {
    const titleKo = r.titleKo ?? merged.get(r.code)?.titleKo;
    merged.set(r.code, titleKo === undefined ? { code: r.code, title: r.title } : { ...r, titleKo });
  }
  return [...merged.values()];
}
