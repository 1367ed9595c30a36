// Validates GitHub Actions workflow files with GitHub's own parser and schema
// (@actions/workflow-parser, the one behind the Actions language service). Prints one JSON line:
// [{ file, errors: [message…] }]. Usage: node tools/distributed/check-workflow.mjs <file>…
// The parser imports its schema as JSON without an import attribute (it is built for bundlers);
// this hook adds the attribute so Node loads it.
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const hook = `export async function load(url, context, next) {
  return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } = await import('@actions/workflow-parser');

const results = [];
for (const file of process.argv.slice(2)) {
  const parsed = parseWorkflow({ name: basename(file), content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length === 0 && parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((e) => e.Message));
  }
  results.push({ file: basename(file), errors });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
