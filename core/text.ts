/**
 * Text from legacy files and services: Korean Windows writes CP949 (a
 * superset of EUC-KR), newer tools UTF-8, sometimes with a BOM. Robust reading
 * (DOMAIN.md): honour a BOM, else accept valid UTF-8, else decode CP949.
 */
import iconv from 'iconv-lite';

export type LegacyEncoding = 'utf-8' | 'cp949';

export class UnsupportedEncodingError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsupportedEncodingError';
  }
}

export function decodeLegacyBytes(bytes: Uint8Array): { text: string; encoding: LegacyEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: Buffer.from(bytes.subarray(3)).toString('utf8'), encoding: 'utf-8' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UnsupportedEncodingError('UTF-16 text is not supported: save the file as "CSV UTF-8" or CSV (CP949)');
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp949'), encoding: 'cp949' };
  }
}
