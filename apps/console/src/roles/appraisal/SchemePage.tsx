import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiPost, apiPut } from '../../api/client';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { BASE, useScheme } from './api';
import { SchemeFields } from './SchemeFields';
import { schemeProblemFields, toSchemeContent, toSchemeValues, type SchemeValues } from './scheme-form';
import { AppraisalTag } from './tags';
import { useAction } from './useAction';

/** One version of the scheme: edited by the office while a draft, approved or returned by the leading group, published by the office. */
export default function SchemePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const { bureauId } = user;
  const params = useParams();
  const year = Number(params.year);
  const version = Number(params.version);
  const scheme = useScheme(year, version);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ content: SchemeValues }>();
  const action = useAction(form);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  if (scheme.isLoading) return <Loading />;
  if (!scheme.data) return <ProblemAlert error={scheme.error} />;
  const s = scheme.data;
  const office = hasRole(user, ['appraisal-office', 'system-admin']);
  const leading = hasRole(user, ['leading-group']);
  const editable = office && s.status === 'draft';
  const path = { bureauId, year: String(year), version: String(version) };
  const ifMatch = s.etag ? { 'if-match': s.etag } : undefined;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['appraisal'] });
  };
  const step = (name: 'submit' | 'approve' | 'publish', done: string) =>
    action.run(
      name,
      async () => {
        await apiPost(`${BASE}/schemes/{year}/versions/{version}/${name}`, undefined, { path, headers: ifMatch });
        refresh();
      },
      done,
    );
  const save = async (values: { content: SchemeValues }) => {
    let refused: unknown;
    const saved = await action.run(
      'save',
      async () => {
        await apiPut(`${BASE}/schemes/{year}/versions/{version}`, { content: toSchemeContent(values.content) }, { path, headers: ifMatch }).catch((error: unknown) => {
          refused = error;
          throw error;
        });
        refresh();
      },
      t('common.saved'),
    );
    // Every problem of a refused scheme beside its own field, not only the first one.
    const fields = saved ? [] : schemeProblemFields(refused);
    if (fields.length) form.setFields(fields as never);
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.schemeHeading', { year, version })} <AppraisalTag value={s.status} />
        </Typography.Title>
        <Link to={`/appraisal?year=${year}`}>{t('appraisal.backToOffice')}</Link>
      </Space>
      {s.returnedFor && s.status === 'draft' && <Alert type="warning" showIcon title={t('appraisal.returnedFor', { reason: s.returnedFor })} />}
      {s.status === 'published' && <Alert type="success" showIcon title={t('appraisal.publishedNote', { at: formatDateTime(s.publishedAt, locale) })} />}
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={refresh} />}
      <Card>
        <Form form={form} layout="vertical" disabled={!editable} initialValues={{ content: s.content ? toSchemeValues(s.content) : undefined }} onFinish={(v) => void save(v)} key={`${s.revision}`}>
          <SchemeFields form={form} disabled={!editable} />
          {editable && (
            <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Card>
      <Space wrap>
        {editable && (
          <Button onClick={() => void step('submit', t('appraisal.submitted'))} loading={action.busy === 'submit'}>
            {t('appraisal.submitScheme')}
          </Button>
        )}
        {leading && s.status === 'submitted' && (
          <>
            <Button type="primary" onClick={() => void step('approve', t('appraisal.approved'))} loading={action.busy === 'approve'}>
              {t('appraisal.approveScheme')}
            </Button>
            <Button onClick={() => setReturning(true)}>{t('appraisal.returnScheme')}</Button>
          </>
        )}
        {office && s.status === 'approved' && (
          <Button type="primary" onClick={() => void step('publish', t('appraisal.published'))} loading={action.busy === 'publish'}>
            {t('appraisal.publishScheme')}
          </Button>
        )}
      </Space>
      <Modal
        open={returning}
        title={t('appraisal.returnScheme')}
        okText={t('appraisal.returnScheme')}
        cancelText={t('common.cancel')}
        confirmLoading={action.busy === 'return'}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          const ok = await action.run(
            'return',
            async () => {
              await apiPost(`${BASE}/schemes/{year}/versions/{version}/return`, { reason }, { path, headers: ifMatch });
              refresh();
            },
            t('appraisal.returned'),
          );
          if (ok) setReturning(false);
        }}
      >
        <label htmlFor="return-reason">{t('appraisal.reason')}</label>
        <Input.TextArea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
      </Modal>
    </Space>
  );
}
