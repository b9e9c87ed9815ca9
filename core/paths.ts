/**
 * Files shipped in the repository (role schemas, the UNSPSC subset) are found
 * from the project root, not from the current directory or from `__dirname`:
 * the same code runs from source under Jest and from `dist/` after a build,
 * at different depths, and `sbnet` may be started from any folder.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/** The nearest folder at or above this file's folder that holds package.json. */
export function projectRoot(): string {
  cachedRoot ??= findUp(__dirname, 'package.json');
  return cachedRoot;
}

/** A path inside the project, e.g. `projectPath('subgraphs', 'network', 'schema.graphql')`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}

function findUp(start: string, marker: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, marker))) return dir;
    if (dirname(dir) === dir) throw new Error(`No ${marker} found above ${start}`);
  }
}
