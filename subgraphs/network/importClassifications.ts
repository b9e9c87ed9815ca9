/**
 * `sbnet classifications import <file.csv>`: turns an operator's UNSPSC export
 * (UTF-8 or CP949, header variants) into the normalized UTF-8 CSV the network
 * subgraph loads (`classifications: { file }` in supergraph.yaml). Bad rows
 * are reported by line and left out, so one broken row does not block the
 * other 150,000; a file with no good row at all is refused rather than
 * written over a working one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatClassificationsCsv, parseClassificationsCsv, type CsvEncoding, type SkippedLine } from './classificationsCsv';

export interface ImportResult {
  imported: number;
  skipped: SkippedLine[];
  /** The encoding the input was read as. */
  encoding: CsvEncoding;
}

export class ClassificationsImportError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ClassificationsImportError';
  }
}

export function importClassificationsCsv(inputFile: string, outputFile: string): ImportResult {
  const { records, skipped, encoding } = parseInput(inputFile);
  if (records.length === 0) {
    const firstBad = skipped.slice(0, 3).map((s) => `line ${s.line}: ${s.reason}`);
    throw new ClassificationsImportError(inputFile, `no valid classification rows; nothing written${firstBad.length ? ` (${firstBad.join('; ')})` : ''}`);
  }
  writeAtomically(outputFile, formatClassificationsCsv(records));
  return { imported: records.length, skipped, encoding };
}

function parseInput(inputFile: string): ReturnType<typeof parseClassificationsCsv> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(inputFile);
  } catch (err) {
    throw new ClassificationsImportError(inputFile, `cannot read: ${(err as Error).message}`);
  }
  try {
    return parseClassificationsCsv(bytes);
  } catch (err) {
    throw new ClassificationsImportError(inputFile, (err as Error).message);
  }
}

/** Write then rename, so a running subgraph or a crash never sees half a file. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, 'utf8');
  renameSync(temp, file);
}
