/**
 * Bytes ⇄ text for a mall that speaks `text/xml; charset=euc-kr`.
 *
 * Writing: EUC-KR (iconv-lite's CP949, its superset), with every character
 * CP949 lacks written as a numeric character reference, so nothing turns
 * into `?` on the way.
 *
 * Reading: what the answer declares (Content-Type charset, else the XML
 * declaration) is honoured, but checked against its bytes, because legacy
 * app servers mislabel (UTF-8 bytes under an EUC-KR header, or the reverse).
 * A BOM decides; UTF-16 is taken as declared; pure ASCII needs no choice;
 * otherwise the bytes are tried strictly as UTF-8 and as CP949 and the
 * reading that is valid wins. When both are valid, the declared one wins,
 * except that bytes declared EUC-KR that read as more Korean in UTF-8 are
 * UTF-8 (Korean in EUC-KR almost never forms valid UTF-8, while Latin text
 * in UTF-8 often forms valid CP949, so the rule is deliberately one-sided).
 * Another declared charset (ISO-8859-1…) is used unless the bytes are valid
 * UTF-8. Bytes valid in neither are read as declared, with U+FFFD where
 * they break, rather than guessed at.
 */
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The charset the bytes were read in: utf-8, euc-kr (CP949), ascii, or another declared one. */
  charset: string;
  /** What the answer said (header, else XML declaration), lower-case; null when silent. */
  declared: string | null;
}

const KOREAN_LABELS = new Set(['euc-kr', 'euckr', 'cp949', 'ms949', 'windows-949', 'x-windows-949', 'uhc', 'ks_c_5601-1987', 'ks_c_5601', 'ksc5601', 'korean', 'csksc56011987', 'cseuckr']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/** The `charset` parameter of a Content-Type header, lower-case. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** The `encoding` of an XML declaration (read as ASCII from the first bytes), lower-case. */
export function declaredXmlEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const m = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Decodes an XML answer without mojibake (see the module comment for the rules). */
export function decodeXml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = charsetOfContentType(contentType) ?? declaredXmlEncoding(buf);
  const bom = bomOf(buf);
  if (bom) return { text: iconv.decode(buf, bom), charset: bom, declared }; // iconv-lite strips the BOM
  // UTF-16 without a BOM cannot be sniffed like the byte-oriented charsets: take it as declared.
  if (declared?.startsWith('utf-16') && iconv.encodingExists(declared)) return { text: iconv.decode(buf, declared), charset: declared, declared };
  if (isAscii(buf)) return { text: buf.toString('latin1'), charset: 'ascii', declared };
  const utf8 = strictUtf8(buf);
  const declaredKorean = declared !== null && KOREAN_LABELS.has(declared);
  const declaredOther = declared !== null && !declaredKorean && !UTF8_LABELS.has(declared) && iconv.encodingExists(declared);
  if (declaredOther) return utf8 !== null ? { text: utf8, charset: 'utf-8', declared } : { text: iconv.decode(buf, declared), charset: declared, declared };
  const korean = strictCp949(buf);
  if (utf8 !== null && korean !== null) {
    const preferUtf8 = declaredKorean ? hangulShare(utf8) > hangulShare(korean) : true;
    return preferUtf8 ? { text: utf8, charset: 'utf-8', declared } : { text: korean, charset: 'euc-kr', declared };
  }
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', declared };
  if (korean !== null) return { text: korean, charset: 'euc-kr', declared };
  // Valid in neither: read it as declared and let the replacement characters show where.
  return declaredKorean ? { text: iconv.decode(buf, 'cp949'), charset: 'euc-kr', declared } : { text: buf.toString('utf8'), charset: 'utf-8', declared };
}

/**
 * EUC-KR bytes of an XML document; characters EUC-KR cannot carry become
 * `&#xHEX;`. Only for markup whose non-ASCII characters are all in text or
 * attribute values (where references mean the character), as ours are.
 */
export function encodeXml(xml: string): Buffer {
  const bytes = iconv.encode(xml, 'cp949');
  if (iconv.decode(bytes, 'cp949') === xml) return bytes; // the usual case: everything fits
  const escaped = xml.replace(/[^\u0000-\u007f]/gu, (ch) => (iconv.decode(iconv.encode(ch, 'cp949'), 'cp949') === ch ? ch : `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`));
  return iconv.encode(escaped, 'cp949');
}

function bomOf(buf: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return null;
}

function isAscii(buf: Buffer): boolean {
  for (const b of buf) if (b >= 0x80) return false;
  return true;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function strictUtf8(buf: Buffer): string | null {
  try {
    return fatalUtf8.decode(buf);
  } catch {
    return null;
  }
}

/** CP949 text, or null when a byte sequence is not CP949 (iconv-lite marks those with U+FFFD, which CP949 cannot encode). */
function strictCp949(buf: Buffer): string | null {
  const text = iconv.decode(buf, 'cp949');
  return text.includes('\uFFFD') ? null : text;
}

/** Share of the non-ASCII characters that are Hangul syllables: how Korean a reading looks. */
function hangulShare(text: string): number {
  let nonAscii = 0;
  let hangul = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp >= 0xac00 && cp <= 0xd7a3) hangul++;
  }
  return nonAscii === 0 ? 0 : hangul / nonAscii;
}
