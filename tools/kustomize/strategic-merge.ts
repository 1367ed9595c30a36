// Strategic merge patches as kustomize applies them to the objects in this repository's
// manifests: maps merge key by key (null removes a key), lists of named things merge by their
// merge key (containers by name, ports by containerPort, …), other lists are replaced, and
// `$patch: delete` removes a list element (or, at the top, the whole object).

/** Merge keys of the Kubernetes lists our manifests patch (from the API's patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: 'key',
  topologySpreadConstraints: 'topologyKey',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeList(key: string, base: Json[], patch: Json[]): Json[] {
  const mergeKey = MERGE_KEYS[key];
  if (!mergeKey || !base.every(isObject) || !patch.every(isObject)) return patch.filter((item) => !(isObject(item) && item.$patch === 'delete'));
  const result = [...base] as JsonObject[];
  for (const item of patch as JsonObject[]) {
    const at = result.findIndex((existing) => existing[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) {
      result[at] = mergeObject(result[at]!, item);
    } else {
      result.push(item);
    }
  }
  return result;
}

function mergeObject(base: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) delete result[key];
    else if (isObject(value) && isObject(result[key])) result[key] = mergeObject(result[key] as JsonObject, value);
    else if (Array.isArray(value) && Array.isArray(result[key])) result[key] = mergeList(key, result[key] as Json[], value);
    else result[key] = value;
  }
  return result;
}

/** The object with the patch applied, or undefined when the patch deletes it. */
export function strategicMerge<T extends object>(base: T, patch: object): T | undefined {
  if ((patch as JsonObject).$patch === 'delete') return undefined;
  return mergeObject(base as unknown as JsonObject, patch as JsonObject) as unknown as T;
}
