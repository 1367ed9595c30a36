import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';

const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  group: 'processing',
  branch: 'processing',
  returned: 'warning',
  approved: 'success',
  published: 'success',
  closed: 'default',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{label('status', status)}</Tag>;
}
