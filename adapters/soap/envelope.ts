/**
 * SOAP 1.1 envelopes as text, with fast-xml-parser: the request for an
 * operation (document/literal wrapped: `<m:Op xmlns:m="…">` with unqualified
 * children, as the mall's WSDL says) and the reading of an answer into either
 * the operation's result element or a Fault. Pure: bytes and charsets are
 * encoding.ts's job, HTTP is client.ts's.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** What a request parameter can be: text, a repeated element (array) or nested elements (object). */
export type SoapValue = string | number | null | undefined | readonly SoapValue[] | { readonly [name: string]: SoapValue };

export type SoapParams = Readonly<Record<string, SoapValue>>;

/** A parsed element: text, nested elements, or a list when the element repeats. */
export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [name: string]: XmlNode | undefined;
}

export interface FaultInfo {
  faultcode: string;
  faultstring: string;
  /** The mall's own code from `detail/…/ErrorCode`, when it sends one. */
  errorCode: string | null;
}

export type SoapAnswer = { fault: FaultInfo } | { result: XmlObject };

/** The answer is not a SOAP envelope we can read (HTML error page, truncated XML, no result element…). */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });

/** The request envelope, declared EUC-KR (encodeXml writes the bytes to match). */
export function buildRequest(namespace: string, operation: string, params: SoapParams): string {
  const body = { [`m:${operation}`]: { '@_xmlns:m': namespace, ...params } };
  return `<?xml version="1.0" encoding="EUC-KR"?>\n${builder.build({ 'soap:Envelope': { '@_xmlns:soap': SOAP_ENV_NS, 'soap:Body': body } })}`;
}

/**
 * XML's five entities and numeric character references, nothing else
 * (fast-xml-parser leaves `&#xD55C;` undecoded unless told; HTML entities
 * are not XML). SOAP messages carry no DTD, so no entity can be declared.
 */
const xmlEntities = {
  decode: (text: string) => (text.includes('&') ? text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, decodeEntity) : text),
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(whole: string, name: string): string {
  if (name[0] !== '#') return NAMED[name];
  const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  const legal = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffe && cp !== 0xffff);
  return legal ? String.fromCodePoint(cp) : whole;
}

const parser = new XMLParser({
  removeNSPrefix: true, // the mall's prefixes (soap:, ns1:) vary by toolkit; names do not
  ignoreAttributes: true,
  parseTagValue: false, // codes like "00123" and "12,000" stay text; mapping reads numbers itself
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: xmlEntities,
  jPath: false, // no callback reads paths; building them costs a third of the parse
});

/** Reads an answer into the `<Op>Result` element (or the `<Op>Response` when the mall omits the wrapper) or its Fault. */
export function parseResponse(xml: string, operation: string): SoapAnswer {
  // SOAP 1.1 §3: a message must not contain a DTD (and a DTD is how entity bombs arrive).
  if (/<!DOCTYPE/i.test(xml)) throw new EnvelopeError('a DOCTYPE in a SOAP message');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new EnvelopeError(`malformed XML (${valid.err.msg}, line ${valid.err.line})`);
  const body = objectAt(objectAt(parser.parse(xml) as XmlNode, 'Envelope'), 'Body');
  if (!body) throw new EnvelopeError('no SOAP Envelope/Body');
  const fault = objectAt(body, 'Fault');
  if (fault) return { fault: faultOf(fault) };
  const response = objectAt(body, `${operation}Response`);
  if (!response) throw new EnvelopeError(`no ${operation}Response in the SOAP Body`);
  return { result: objectAt(response, `${operation}Result`) ?? response };
}

function faultOf(fault: XmlObject): FaultInfo {
  const detail = fault.detail;
  const errorCode = detail && typeof detail === 'object' ? findText(detail, 'ErrorCode') : null;
  return { faultcode: textOf(fault.faultcode) ?? '', faultstring: textOf(fault.faultstring) ?? '', errorCode };
}

/** The element `name` of an object node as an object; an empty element (`<X/>`) reads as `{}`. */
export function objectAt(node: XmlNode | null | undefined, name: string): XmlObject | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const child = node[name];
  if (child === '') return {};
  return child && typeof child === 'object' && !Array.isArray(child) ? child : null;
}

/** A repeated element as a list: absent → [], once → [it], repeated → all. */
export function listAt(node: XmlNode | null | undefined, name: string): XmlNode[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  const child = node[name];
  return child === undefined ? [] : Array.isArray(child) ? child : [child];
}

/** Trimmed text of a text node, else null. */
export function textOf(node: XmlNode | undefined): string | null {
  return typeof node === 'string' ? node.trim() : null;
}

function findText(node: XmlNode, name: string): string | null {
  if (typeof node !== 'object' || node === null) return null;
  for (const [key, child] of Object.entries(node)) {
    if (child === undefined) continue;
    if (key === name && typeof child === 'string') return child.trim();
    const found = findText(child, name);
    if (found !== null) return found;
  }
  return null;
}
