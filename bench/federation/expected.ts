/** The answer FEDERATION_QUERY must give, computed without federation (the correctness check). */
import { execute, parse } from 'graphql';
import { ORACLE_SCHEMA, oracleRoot } from './mergedSchema';
import { FEDERATION_QUERY } from './schemas';

export async function expectedFederationAnswer(): Promise<unknown> {
  const result = await execute({ schema: ORACLE_SCHEMA, document: parse(FEDERATION_QUERY), rootValue: oracleRoot() });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  return JSON.parse(JSON.stringify(result.data));
}
