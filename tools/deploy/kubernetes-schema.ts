// Strict validation of rendered Kubernetes objects against the API's schemas, as packaged by
// kubernetes-models (generated from the Kubernetes OpenAPI document):
// - each object's JSON Schema validator (required fields, types, formats, enums) via validate();
// - unknown fields, which those validators let through (the published schemas do not close
//   their objects): the same package's TypeScript definitions of every kind, with the objects
//   type-checked as literals, so any property the API does not define is an error at its path.
import { join } from 'node:path';
import ts from 'typescript';
import type { K8sObject } from '../kustomize/render';

/** kubernetes-models/<group/version>/<Kind>; the core group is plain `v1`. */
const modelPath = (o: K8sObject) => `kubernetes-models/${o.apiVersion}/${o.kind}`;

function schemaErrors(objects: K8sObject[]): string[] {
  const errors: string[] = [];
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata.name}`;
    let Model: new (data: unknown) => { validate(): void };
    try {
      Model = (require(modelPath(object)) as Record<string, new (data: unknown) => { validate(): void }>)[object.kind]!;
    } catch {
      errors.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return errors;
}

function unknownFieldErrors(objects: K8sObject[]): string[] {
  const file = join(__dirname, '__rendered-objects__.ts');
  const source = objects.map((o, i) => `export const o${i}: import('${modelPath(o)}').I${o.kind} = ${JSON.stringify(o, null, 1)};`).join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const original = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host), readFile: host.readFile.bind(host) };
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : original.getSourceFile(name, version, ...rest));
  host.fileExists = (name) => name === file || original.fileExists(name);
  host.readFile = (name) => (name === file ? source : original.readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    // Name the object the error is in: the declaration the line belongs to.
    const object = at ? objects[Number(/^export const o(\d+)/m.exec(source.split('\n').slice(0, at.line + 1).reverse().find((l) => l.startsWith('export const o')) ?? '')?.[1])] : undefined;
    return `${object ? `${object.kind}/${object.metadata.name}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

/** Every schema violation and unknown field in the objects; empty when all are valid. */
export function validateStrictly(objects: K8sObject[]): string[] {
  return [...schemaErrors(objects), ...unknownFieldErrors(objects)];
}

