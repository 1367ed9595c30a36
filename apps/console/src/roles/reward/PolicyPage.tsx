import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { apiGet, apiPut } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useNames } from '../../api/directory';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';
import { useMoreI18n } from './more-i18n';
import { fenOrZero, fenRule } from './objection-helpers';
import { PolicyEditor } from './PolicyEditor';
import type { Policy } from './types';

/** The reward policy of a year (the leading group sets it) and the bureau's opening totals (the bureau admin or the leading group). */
export default function PolicyPage() {
  const { t, locale } = useMoreI18n();
  const user = useUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const policy = useQuery({
    queryKey: ['reward', 'policy-edit', year],
    queryFn: async () => {
      try {
        const { data, etag } = await apiGet<Policy>('/api/v1/rewards/policies/{year}', { path: { year: String(year) } });
        return { ...data, etag };
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['reward'] });
  const current = policy.data?.current;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('more.policy')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      <Alert type="info" showIcon message={t('more.policyHint')} />
      <Card
        title={<CardTitle>{`${year} ${t('more.honours')}`}</CardTitle>}
        extra={current ? t('more.policyVersion', { version: current.version, by: names(current.setBy), at: formatDateTime(current.setAt, locale) }) : t('more.noPolicyYet')}
      >
        {policy.error && <ProblemAlert error={policy.error} />}
        {!hasRole(user, ['leading-group']) && <Typography.Paragraph type="secondary">{t('more.readOnly')}</Typography.Paragraph>}
        {policy.isLoading ? <Loading /> : <PolicyEditor key={`${year}-${current?.version ?? 0}`} year={year} current={current} etag={policy.data?.etag} editable={hasRole(user, ['leading-group'])} onSaved={refresh} />}
      </Card>
      {hasRole(user, ['bureau-admin', 'leading-group']) && <OpeningTotals bureauId={user.bureauId} />}
    </Space>
  );
}

// Named as the request body; amounts typed in yuan.
interface OpeningValues {
  year: number;
  booksPublished?: number;
  deedsPledged: number;
  deedsDone: number;
  peopleAided: number;
  amountFen: string;
  volunteerHours?: number;
  grants?: number;
  grantsAmountFen?: string;
  note?: string;
}

/** Figures for a year before the bureau used the system (PUT …/opening-totals/{year}); the service refuses a year the system already counts. */
function OpeningTotals({ bureauId }: { bureauId: string }) {
  const { t } = useMoreI18n();
  const [form] = Form.useForm<OpeningValues>();
  const action = useAction(form);
  const [years, setYears] = useState<string[]>();
  const amountRule = fenRule(t('record.amountInvalid'));
  const save = (v: OpeningValues) =>
    action.run(
      'save',
      async () => {
        const { year, amountFen, grantsAmountFen, note, ...counts } = v;
        const given = Object.fromEntries(Object.entries(counts).filter(([, n]) => typeof n === 'number'));
        const body = { ...given, amountFen: fenOrZero(amountFen) ?? -1, grantsAmountFen: fenOrZero(grantsAmountFen) ?? -1, ...(note ? { note } : {}) };
        const { data } = await apiPut<{ years: Record<string, unknown> }>('/api/v1/statistics/bureaus/{bureauId}/opening-totals/{year}', body as never, { path: { bureauId, year: String(year) } });
        setYears(Object.keys(data.years ?? {}).sort());
      },
      t('more.openingSaved'),
    );
  const count = (name: keyof OpeningValues, labelKey: Parameters<typeof t>[0], required = false) => (
    <Form.Item label={t(labelKey)} name={name} rules={required ? [{ required: true, message: t('book.required') }] : []}>
      <InputNumber min={0} precision={0} style={{ width: 140 }} />
    </Form.Item>
  );
  return (
    <Card title={<CardTitle>{t('more.opening')}</CardTitle>}>
      <Typography.Paragraph type="secondary">{t('more.openingHint')}</Typography.Paragraph>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} />}
      <Form form={form} name="opening" layout="vertical" initialValues={{ year: 2011 }} onFinish={(v) => void save(v)}>
        <Space wrap align="start">
          <Form.Item label={t('more.openingYear')} name="year" rules={[{ required: true, message: t('book.required') }]}>
            <InputNumber min={2000} max={2200} precision={0} style={{ width: 120 }} />
          </Form.Item>
          {count('booksPublished', 'more.booksPublished')}
          {count('deedsPledged', 'more.deedsPledged', true)}
          {count('deedsDone', 'more.deedsDone', true)}
          {count('peopleAided', 'more.peopleAided', true)}
          <Form.Item label={t('more.amountYuan')} name="amountFen" rules={[{ required: true, message: t('book.required') }, amountRule]}>
            <Input inputMode="decimal" style={{ width: 140 }} />
          </Form.Item>
          {count('volunteerHours', 'more.volunteerHours')}
          {count('grants', 'more.grants')}
          <Form.Item label={t('more.grantsAmountYuan')} name="grantsAmountFen" rules={[amountRule]}>
            <Input inputMode="decimal" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('more.note')} name="note">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
          {t('more.saveOpening')}
        </Button>
        {years && <Typography.Paragraph style={{ marginTop: 12 }}>{`${t('more.openingYears')}：${years.join('、')}`}</Typography.Paragraph>}
      </Form>
    </Card>
  );
}
