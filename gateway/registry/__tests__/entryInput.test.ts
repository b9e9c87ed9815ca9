import { ConfigError } from '../../../core/yamlConfig';
import { mergeEntry, parseNewEntry, parsePatchedEntry } from '../entryInput';

const GROUPS = ['marketplace', 'erp'];

describe('parseNewEntry', () => {
  it('reads JSON by the rules of supergraph.yaml', () => {
    const entry = parseNewEntry(JSON.stringify({ id: 'newco', name: '신규조합', region: '부산', deadlineMs: 3000, subgraphs: { marketplace: 'http://10.0.0.9:4101/graphql' } }), GROUPS);
    expect(entry).toEqual({ id: 'newco', name: '신규조합', region: '부산', deadlineMs: 3000, subgraphs: { marketplace: 'http://10.0.0.9:4101/graphql' } });
  });

  it('reads YAML too', () => {
    expect(parseNewEntry('id: newco\nname: 신규\nsubgraphs:\n  erp: http://h/graphql\n', GROUPS).subgraphs).toEqual({ erp: 'http://h/graphql' });
  });

  it.each([
    ['{"id":"Bad Id","name":"x","subgraphs":{"marketplace":"http://h"}}', 'request body:1: id: invalid value "Bad Id" ([a-z][a-z0-9-]{1,31})'],
    ['id: newco\nname: x\nsubgraphs:\n  warehouse: http://h\n', 'request body:4: subgraphs.warehouse: "warehouse" is not a tenant-group subgraph (tenant groups: marketplace, erp)'],
    ['id: newco\nname: x\nsubgraphs:\n  marketplace: ftp://h\n', 'request body:4: subgraphs.marketplace: expected an http(s) URL, got "ftp://h"'],
    ['id: newco\nname: x\ncolour: red\nsubgraphs:\n  marketplace: http://h\n', 'request body:3: colour: unknown key'],
    ['id: newco\nsubgraphs:\n  marketplace: http://h\n', 'request body:1: name: required'],
    ['{"id": "newco", ', 'request body:1:'],
  ])('refuses %j with file:line', (text, message) => {
    expect(() => parseNewEntry(text, GROUPS)).toThrow(ConfigError);
    expect(() => parseNewEntry(text, GROUPS)).toThrow(message);
  });
});

describe('parsePatchedEntry', () => {
  const current = { id: 'newco', name: '신규', deadlineMs: 2000, region: '부산', subgraphs: { marketplace: 'http://a/graphql', erp: 'http://e/graphql' } };

  it('changes URL and deadline, keeps the rest', () => {
    const next = parsePatchedEntry(current, '{"deadlineMs": 3500, "subgraphs": {"marketplace": "http://b/graphql"}}', GROUPS);
    expect(next).toEqual({ ...current, deadlineMs: 3500, subgraphs: { marketplace: 'http://b/graphql', erp: 'http://e/graphql' } });
  });

  it('removes keys and roles set to null', () => {
    const next = parsePatchedEntry(current, '{"region": null, "subgraphs": {"erp": null}}', GROUPS);
    expect(next).toEqual({ id: 'newco', name: '신규', deadlineMs: 2000, subgraphs: { marketplace: 'http://a/graphql' } });
  });

  it('refuses another id, a bad value, and a non-mapping', () => {
    expect(() => parsePatchedEntry(current, '{"id": "other"}', GROUPS)).toThrow('request body:1: id: the id cannot change (newco)');
    expect(() => parsePatchedEntry(current, '{\n"deadlineMs": -1\n}', GROUPS)).toThrow('request body:2: deadlineMs: must be ≥ 1');
    expect(() => parsePatchedEntry(current, '[1]', GROUPS)).toThrow('expected a mapping of the fields to change');
    expect(() => parsePatchedEntry(current, '{"subgraphs": {"marketplace": null, "erp": null}}', GROUPS)).toThrow('subgraphs: needs at least one role');
  });
});

describe('mergeEntry', () => {
  it('never carries the draining flag over', () => {
    expect(mergeEntry({ id: 'a', name: 'a', subgraphs: {}, draining: true }, {})).toEqual({ id: 'a', name: 'a', subgraphs: {} });
  });
});
