/**
 * A subgraph SDL reduced to what the contract check compares: types by name
 * (definitions and `extend` blocks merged), their fields and arguments with
 * type references and defaults, enum values, and `@key`s. Federation 1
 * (`extend type … @key`) and Federation 2 (`@link` with imports, renames or
 * `federation__key`) read the same way. Pure: a DocumentNode in, a model out.
 */
import { Kind, parse, print, type ConstValueNode, type DirectiveNode, type DocumentNode, type TypeNode } from 'graphql';

export type TypeKind = 'object' | 'interface' | 'input' | 'enum' | 'scalar' | 'union';

export interface ArgModel {
  name: string;
  type: TypeNode;
  /** The default value as printed GraphQL, e.g. `20`, `[]`, `NAME`. */
  defaultValue?: string;
}

export interface FieldModel {
  name: string;
  type: TypeNode;
  args: Map<string, ArgModel>;
}

export interface KeyModel {
  /** The field set, normalized (`id`, `id sku`, `id owner { id }`). */
  fields: string;
  resolvable: boolean;
}

export interface TypeModel {
  name: string;
  kind: TypeKind;
  /** Output fields (object, interface) or input fields (input; type + default, no args). */
  fields: Map<string, FieldModel & { defaultValue?: string }>;
  values: Set<string>;
  members: Set<string>;
  keys: KeyModel[];
}

export interface SchemaModel {
  types: Map<string, TypeModel>;
  /** Root operation type names (`query: Query` unless a schema block says otherwise). */
  roots: { query?: string; mutation?: string };
}

const FEDERATION_LINK = /\/federation\/v\d+\.\d+/;

export function parseSdl(sdl: string): DocumentNode {
  return parse(sdl, { noLocation: true });
}

export function schemaModel(doc: DocumentNode): SchemaModel {
  const keyDirective = keyDirectiveName(doc);
  const types = new Map<string, TypeModel>();
  const roots: SchemaModel['roots'] = {};
  for (const def of doc.definitions) {
    if (def.kind === Kind.SCHEMA_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION) {
      for (const op of def.operationTypes ?? []) {
        if (op.operation === 'query') roots.query = op.type.name.value;
        if (op.operation === 'mutation') roots.mutation = op.type.name.value;
      }
      continue;
    }
    const kind = kindOf(def.kind);
    if (!kind || !('name' in def) || !def.name) continue;
    const model = typeOf(types, def.name.value, kind);
    if ('fields' in def) addFields(model, def.fields ?? []);
    if ('values' in def) for (const v of def.values ?? []) model.values.add(v.name.value);
    if ('types' in def) for (const t of def.types ?? []) model.members.add(t.name.value);
    if ('directives' in def) model.keys.push(...keysOf(def.directives ?? [], keyDirective));
  }
  roots.query ??= types.has('Query') ? 'Query' : undefined;
  roots.mutation ??= types.has('Mutation') ? 'Mutation' : undefined;
  return { types, roots };
}

/** Names the federation machinery adds to every subgraph; never part of the contract. */
export function isFederationName(name: string): boolean {
  return name.startsWith('_') || name.includes('__') || name === 'FieldSet';
}

/** `[Product!]!` etc. */
export function typeText(type: TypeNode): string {
  return print(type);
}

/** The innermost named type of a reference. */
export function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function kindOf(kind: Kind): TypeKind | undefined {
  switch (kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
      return 'object';
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return 'interface';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return 'input';
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return 'enum';
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
      return 'scalar';
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      return 'union';
    default:
      return undefined;
  }
}

/** One model per name; a definition and its extensions land in the same one (the first kind seen wins). */
function typeOf(types: Map<string, TypeModel>, name: string, kind: TypeKind): TypeModel {
  let model = types.get(name);
  if (!model) {
    model = { name, kind, fields: new Map(), values: new Set(), members: new Set(), keys: [] };
    types.set(name, model);
  }
  return model;
}

type FieldLike = {
  name: { value: string };
  type: TypeNode;
  arguments?: ReadonlyArray<{ name: { value: string }; type: TypeNode; defaultValue?: ConstValueNode }>;
  defaultValue?: ConstValueNode;
};

function addFields(model: TypeModel, fields: readonly FieldLike[]): void {
  for (const f of fields) {
    const args = new Map<string, ArgModel>();
    for (const a of f.arguments ?? []) args.set(a.name.value, withDefault({ name: a.name.value, type: a.type }, a.defaultValue));
    model.fields.set(f.name.value, withDefault({ name: f.name.value, type: f.type, args }, f.defaultValue));
  }
}

function withDefault<T extends object>(target: T, value: ConstValueNode | undefined): T & { defaultValue?: string } {
  return value ? { ...target, defaultValue: print(value) } : target;
}

function keysOf(directives: readonly DirectiveNode[], keyDirective: string): KeyModel[] {
  return directives
    .filter((d) => d.name.value === keyDirective)
    .map((d) => {
      const fields = d.arguments?.find((a) => a.name.value === 'fields')?.value;
      const resolvable = d.arguments?.find((a) => a.name.value === 'resolvable')?.value;
      return {
        fields: fields?.kind === Kind.STRING ? normalizeFieldSet(fields.value) : '',
        resolvable: !(resolvable?.kind === Kind.BOOLEAN && resolvable.value === false),
      };
    });
}

/** `"id   sku"` and `"id\nsku"` compare equal; nested selections keep their braces. */
export function normalizeFieldSet(fields: string): string {
  try {
    const doc = parse(`{${fields}}`, { noLocation: true });
    return print(doc).replace(/\s+/g, ' ').replace(/^\{ | \}$/g, '').trim();
  } catch {
    return fields.replace(/\s+/g, ' ').trim();
  }
}

/**
 * What `@key` is called in this SDL: `key` (Federation 1, or imported as is),
 * the `as` of its import, or `<namespace>__key` when not imported.
 */
export function keyDirectiveName(doc: DocumentNode): string {
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      const url = d.arguments?.find((a) => a.name.value === 'url')?.value;
      if (d.name.value !== 'link' || url?.kind !== Kind.STRING || !FEDERATION_LINK.test(url.value)) continue;
      const as = d.arguments?.find((a) => a.name.value === 'as')?.value;
      const namespace = as?.kind === Kind.STRING ? as.value : 'federation';
      const imports = d.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING && item.value === '@key') return 'key';
        if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((f) => f.name.value === 'name')?.value;
          const rename = item.fields.find((f) => f.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING && name.value === '@key') return rename?.kind === Kind.STRING ? rename.value.replace(/^@/, '') : 'key';
        }
      }
      return `${namespace}__key`;
    }
  }
  return 'key';
}
