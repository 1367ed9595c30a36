import { Tag } from 'antd';
import { useI18n } from '../../i18n/i18n';

const COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  published: 'success',
  scoring: 'processing',
  'on-notice': 'warning',
  rescoring: 'orange',
  final: 'success',
  open: 'warning',
  dismissed: 'default',
  upheld: 'orange',
  scheduled: 'processing',
  held: 'success',
  cancelled: 'default',
  excellent: 'red',
  qualified: 'green',
  'basically-qualified': 'gold',
  unqualified: 'default',
  done: 'success',
  'on-track': 'processing',
  behind: 'warning',
  'not-started': 'default',
  recorded: 'success',
  missing: 'error',
  'not-due': 'default',
  nobody: 'default',
};

/** A state of the appraisal (scheme, round, result, objection, talk), a grade or an item's status, in words. */
export function AppraisalTag({ value, prefix = 'appraisal.state' }: { value: string | undefined; prefix?: string }) {
  const { label } = useI18n();
  if (!value) return null;
  return <Tag color={COLOURS[value] ?? 'default'}>{label(prefix, value)}</Tag>;
}
