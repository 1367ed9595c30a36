import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiPostText } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';

interface LineProblem {
  line: number;
  column?: string;
  message: string;
}

/** The directory as a CSV file: checked whole by the service; each problem shown with its line and column. */
export function DirectoryImport() {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<LineProblem[]>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<{ rows: number; eventsAppended: number }>();
  const run = async () => {
    setBusy(true);
    setProblems(undefined);
    setFailure(undefined);
    setDone(undefined);
    try {
      const { data } = await apiPostText<{ rows: number; eventsAppended: number }, '/api/v1/bureaus/{bureauId}/directory/import'>('/api/v1/bureaus/{bureauId}/directory/import', text, 'text/csv; charset=utf-8', { path: { bureauId } });
      setDone(data);
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      void queryClient.invalidateQueries({ queryKey: ['org-units'] });
      void queryClient.invalidateQueries({ queryKey: ['directory-members'] });
      void queryClient.invalidateQueries({ queryKey: ['directory-units'] });
    } catch (error) {
      if (error instanceof ApiProblem && Array.isArray(error.problem.problems)) setProblems(error.problem.problems as LineProblem[]);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('admin.importHint')}</Typography.Text>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then(setText);
          return false;
        }}
      >
        <Button>CSV…</Button>
      </Upload>
      <Input.TextArea aria-label={t('admin.import')} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6, maxRows: 16 }} style={{ fontFamily: 'monospace' }} />
      <Button type="primary" onClick={() => void run()} loading={busy} disabled={!text.trim()}>
        {t('admin.importRun')}
      </Button>
      {done && <Alert type="success" showIcon title={`${t('admin.imported')}: ${done.rows} / ${done.eventsAppended}`} />}
      {failure !== undefined && <ProblemAlert error={failure} />}
      {problems && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('admin.problems')}
          description={
            <Table
              size="small"
              rowKey={(p) => `${p.line}-${p.column}-${p.message}`}
              dataSource={problems}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('admin.line', { line: '' }).trim() || '#', dataIndex: 'line', render: (line: number) => t('admin.line', { line }) },
                { title: 'column', dataIndex: 'column' },
                { title: t('common.error'), dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
    </Space>
  );
}
