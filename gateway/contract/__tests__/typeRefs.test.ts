import { Kind, parseType } from 'graphql';
import { inputMismatch, isRequired, outputMismatch } from '../typeRefs';

const t = (text: string) => parseType(text);

describe('outputMismatch: the subgraph may be stricter, never looser', () => {
  it.each([
    ['String', 'String', undefined],
    ['String', 'String!', undefined],
    ['String!', 'String!', undefined],
    ['String!', 'String', 'nullable'],
    ['Int!', 'String', 'named'],
    ['Int', 'String!', 'named'],
    ['[P!]!', '[P!]!', undefined],
    ['[P]', '[P!]!', undefined],
    ['[P!]!', '[P]!', 'nullable'],
    ['[P!]!', '[P!]', 'nullable'],
    ['[P!]!', 'P!', 'list'],
    ['P', '[P]', 'list'],
    ['[P!]!', '[Q!]!', 'named'],
    ['[P!]!', '[Q]', 'named'],
    ['[[P!]!]!', '[[P!]]!', 'nullable'],
  ])('standard %s, subgraph %s → %s', (standard, actual, expected) => {
    expect(outputMismatch(t(standard), t(actual))).toBe(expected);
  });
});

describe('inputMismatch: the subgraph must accept all the standard allows', () => {
  it.each([
    ['Int', 'Int', undefined],
    ['Int!', 'Int', undefined],
    ['Int', 'Int!', 'required'],
    ['Int', 'String', 'named'],
    ['Int', 'String!', 'named'],
    ['[ID!]', '[ID!]', undefined],
    ['[ID!]', '[ID]', undefined],
    ['[ID]', '[ID!]', 'required'],
    ['[ID!]', '[ID!]!', 'required'],
    ['[ID!]', 'ID', 'list'],
    ['ID', '[ID]', 'list'],
    ['[ID!]!', '[Int!]!', 'named'],
  ])('standard %s, subgraph %s → %s', (standard, actual, expected) => {
    expect(inputMismatch(t(standard), t(actual))).toBe(expected);
  });
});

describe('isRequired', () => {
  it('is true only for non-null without default', () => {
    expect(isRequired(t('Int!'), undefined)).toBe(true);
    expect(isRequired(t('Int!'), '20')).toBe(false);
    expect(isRequired(t('Int'), undefined)).toBe(false);
    expect(t('Int!').kind).toBe(Kind.NON_NULL_TYPE);
  });
});
