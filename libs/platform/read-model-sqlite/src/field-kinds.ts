/**
 * What a field has held in a collection, as bits. SQL can answer a MongoDB condition on a field
 * only when it knows the field's shape: `json_extract` does not look into arrays, and SQLite
 * orders booleans as numbers and objects as text, where MongoDB orders them after strings.
 * The writer records every kind it writes, so readers know when SQL gives MongoDB's answer.
 */
export const Kind = {
  /** The value is an array (its elements' kinds are added to the bits). */
  ARRAY: 1,
  BOOLEAN: 2,
  /** An object, or an array inside an array. */
  OBJECT: 4,
  NULL: 8,
  /** An array on the way to a dotted path's end: `json_extract` cannot follow it. */
  PATH_ARRAY: 16,
} as const;

/** The `_kinds` row that says a table's kinds were recorded from its first write on. */
export const TRACKED = '';

/** Kinds that keep a field's SQL ordering from being MongoDB's. */
export const UNSORTABLE = Kind.ARRAY | Kind.BOOLEAN | Kind.OBJECT | Kind.NULL | Kind.PATH_ARRAY;

function elementKind(value: unknown): number {
  if (value === null) return Kind.NULL;
  if (typeof value === 'boolean') return Kind.BOOLEAN;
  if (typeof value === 'object') return Kind.OBJECT;
  return 0;
}

export function kindOfValue(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((bits, e) => bits | elementKind(e), Kind.ARRAY);
  return elementKind(value);
}

export function kindAtPath(doc: Record<string, unknown>, path: string): number {
  const parts = path.split('.');
  let current: unknown = doc;
  for (const [i, part] of parts.entries()) {
    if (Array.isArray(current)) return Kind.PATH_ARRAY;
    if (current === null || typeof current !== 'object') return 0;
    current = (current as Record<string, unknown>)[part];
    if (i === parts.length - 1) return kindOfValue(current);
  }
  return 0;
}

/** Kinds of every top-level field of a document and of the dotted paths declared in indexes. */
export function documentKinds(doc: Record<string, unknown>, dottedPaths: Iterable<string>): Map<string, number> {
  const kinds = new Map<string, number>();
  for (const [field, value] of Object.entries(doc)) if (field !== '_id') kinds.set(field, kindOfValue(value));
  for (const path of dottedPaths) kinds.set(path, kindAtPath(doc, path));
  return kinds;
}

/**
 * What readers know of a table's fields. A top-level field the writer never saw in a tracked
 * table is known to be absent (kind 0); a dotted path is known only when an index declares it.
 */
export class FieldKinds {
  constructor(private readonly bits: ReadonlyMap<string, number>) {}

  get tracked(): boolean {
    return this.bits.has(TRACKED);
  }

  of(field: string): number | undefined {
    const known = this.bits.get(field);
    if (known !== undefined || !this.tracked) return known;
    return field.includes('.') ? undefined : 0;
  }

  sortable(field: string): boolean {
    if (field === '_id') return true;
    const bits = this.of(field);
    return bits !== undefined && (bits & UNSORTABLE) === 0;
  }
}
