export { checkSubgraph, probeIdentityHeaders, standardSdl, SERVICE_SDL_QUERY, type CheckOptions, type CheckReport } from './check';
export { compareSchemas } from './compare';
export { errorsOf, FINDING_CODES, type Finding, type FindingCode, type FindingLevel } from './findings';
export { formatReport, summarizeProblems } from './format';
export { parseSdl, schemaModel, type SchemaModel } from './model';
export { httpPost, type Post, type PostResult } from './post';
export { runProbe, type ProbeOutcome, type ProbeStep } from './probe';
