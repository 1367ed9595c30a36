import { Alert, Button, type FormInstance } from 'antd';
import { ApiProblem, fieldPath } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/**
 * Puts a problem document's field errors next to the fields they name (the form's field names
 * follow the request body: `/items/2/text` is `['items', 2, 'text']`); returns what no field took.
 */
export function showFieldErrors(form: FormInstance | undefined, error: unknown, prefix: (string | number)[] = []): string[] {
  if (!(error instanceof ApiProblem)) return [error instanceof Error ? error.message : String(error)];
  const leftover: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const { field, message } of error.fieldErrors) {
    const name = [...prefix, ...fieldPath(field)];
    if (form && name.length > 0 && (form.getFieldInstance(name as never) !== undefined || valueAt(form.getFieldsValue(), name) !== undefined)) fields.push({ name, errors: [message] });
    else leftover.push(`${field}: ${message}`);
  }
  if (form && fields.length > 0) form.setFields(fields as never);
  if (error.fieldErrors.length === 0) leftover.push(error.message);
  return leftover;
}

function valueAt(values: unknown, name: (string | number)[]): unknown {
  return name.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined), values);
}

/** The error of a failed action, in words; a stale write (409/412) offers a reload. */
export function ProblemAlert({ error, messages, onReload }: { error: unknown; messages?: string[]; onReload?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const stale = error instanceof ApiProblem && error.isStale;
  const lines = messages && messages.length > 0 ? messages : [error instanceof Error ? error.message : String(error)];
  return (
    <Alert
      role="alert"
      type={stale ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      title={stale ? t('common.stale') : t('common.error')}
      description={
        <>
          {lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </>
      }
      action={
        stale && onReload ? (
          <Button size="small" onClick={onReload}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
