import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { apiPost } from '../../api/client';
import { useMembers, useNames } from '../../api/directory';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime, formatYuan } from '../../format/format';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useAction } from '../appraisal/useAction';
import { useYear } from '../member/useYear';
import { useMoreI18n } from './more-i18n';
import { evidenceLines } from './objection-helpers';
import { useResearchTotals, useScheme, useWorks, type ResearchWork, type SchemeVersion } from './research-api';
import { SchemeEditor } from './SchemeEditor';

const COLOURS = { submitted: 'processing', rated: 'success', declined: 'default' } as const;

/**
 * 统计信息、分析调研奖励: the year's scheme (the leading group sets it), works submitted by their
 * authors (or for them by a secretary, the leading group or the appraisal office), rated or
 * declined by the leading group or the appraisal office — never an author — and each member's totals.
 */
export default function ResearchPage() {
  const { t, locale, label } = useMoreI18n();
  const user = useUser();
  const names = useNames();
  const members = useMembers();
  const queryClient = useQueryClient();
  const [year, setYear] = useYear();
  const scheme = useScheme(year);
  const works = useWorks(year);
  const totals = useResearchTotals(year);
  const [submit] = Form.useForm<{ title: string; categoryId: string; authors: string[]; evidence: string; summary?: string }>();
  const submitting = useAction(submit);
  const rater = hasRole(user, ['leading-group', 'appraisal-office']);
  const current = scheme.data?.current;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['reward'] });
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.memberId, label: `${m.name}（${m.memberId}）` }));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('more.research')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      <Alert type="info" showIcon message={t('more.researchHint')} />
      <Card title={<CardTitle>{t('more.scheme')}</CardTitle>} extra={current && t('more.schemeVersion', { version: current.version })}>
        {scheme.error && <ProblemAlert error={scheme.error} />}
        {scheme.isLoading ? <Loading /> : current ? <SchemeTable scheme={current} /> : <Empty description={t('more.noScheme', { year })} />}
        {hasRole(user, ['leading-group']) && !scheme.isLoading && <SchemeEditor year={year} current={current} etag={scheme.data?.etag} onSaved={refresh} />}
      </Card>
      {current && (
        <Card title={<CardTitle>{t('more.submitWork')}</CardTitle>}>
          {submitting.failure && <ProblemAlert error={submitting.failure.error} messages={submitting.failure.lines} onReload={refresh} />}
          <Form
            form={submit}
            name="submitWork"
            layout="vertical"
            style={{ maxWidth: 620 }}
            initialValues={{ authors: [user.memberId] }}
            onFinish={(v) =>
              void submitting
                .run('submit', async () => {
                  await apiPost('/api/v1/rewards/research/works', { year, title: v.title, categoryId: v.categoryId, authors: v.authors, evidence: evidenceLines(v.evidence), ...(v.summary ? { summary: v.summary } : {}) });
                  refresh();
                }, t('more.workSubmitted'))
                .then((ok) => ok && submit.resetFields())
            }
          >
            <Form.Item label={t('more.workTitle')} name="title" rules={[{ required: true, message: t('book.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t('more.category')} name="categoryId" rules={[{ required: true, message: t('book.required') }]}>
              <Select options={current.categories.map((c) => ({ value: c.categoryId, label: c.name }))} />
            </Form.Item>
            <Form.Item label={t('more.authors')} name="authors" rules={[{ required: true, message: t('book.required') }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={memberOptions} maxCount={10} />
            </Form.Item>
            <Form.Item label={t('more.evidence')} name="evidence" rules={[{ required: true, message: t('book.required') }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item label={t('more.summary')} name="summary">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={submitting.busy === 'submit'}>
              {t('more.submitWork')}
            </Button>
          </Form>
        </Card>
      )}
      <Card title={<CardTitle>{t('more.works')}</CardTitle>}>
        {works.error && <ProblemAlert error={works.error} />}
        <Table<ResearchWork>
          size="small"
          rowKey="workId"
          loading={works.isLoading}
          dataSource={works.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('more.noWork') }}
          expandable={{ expandedRowRender: (w) => <WorkDetails work={w} scheme={current} rater={rater && !w.authors.includes(user.memberId)} onChanged={refresh} />, rowExpandable: () => true }}
          columns={[
            { title: t('more.workTitle'), dataIndex: 'title' },
            { title: t('more.category'), key: 'category', render: (_, w) => w.categoryName ?? w.categoryId },
            { title: t('more.authors'), key: 'authors', render: (_, w) => w.authors.map(names).join('、') },
            { title: t('more.raisedAt'), key: 'at', render: (_, w) => formatDateTime(w.submittedAt, locale) },
            { title: t('common.status'), key: 'status', render: (_, w) => <Tag color={COLOURS[w.status]}>{label('more.work', w.status)}</Tag> },
            { title: t('more.rating'), key: 'rating', render: (_, w) => (w.rating ? `${w.rating.levelName} ${formatYuan(w.rating.amountFen, locale)}` : '') },
          ]}
        />
      </Card>
      <Card title={<CardTitle>{t('more.totals')}</CardTitle>}>
        {totals.error && <ProblemAlert error={totals.error} />}
        <Table
          size="small"
          rowKey="memberId"
          loading={totals.isLoading}
          dataSource={totals.data ?? []}
          pagination={false}
          locale={{ emptyText: t('more.noTotals') }}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('more.workCount'), dataIndex: 'works' },
            { title: t('reward.amountYuan'), key: 'amount', render: (_, m) => formatYuan(m.amountFen, locale) },
            { title: t('more.bonusPoints'), dataIndex: 'bonusPoints' },
          ]}
        />
      </Card>
    </Space>
  );
}

function SchemeTable({ scheme }: { scheme: SchemeVersion }) {
  const { t, locale } = useMoreI18n();
  const rows = scheme.categories.flatMap((c) => c.levels.map((l) => ({ key: `${c.categoryId}/${l.levelId}`, category: c.name, ...l })));
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('more.category'), dataIndex: 'category' },
        { title: t('more.level'), dataIndex: 'name' },
        { title: t('reward.amountYuan'), key: 'amount', render: (_, l) => formatYuan(l.amountFen, locale) },
        ...(scheme.appraisalBonus ? [{ title: t('more.bonusPoints'), dataIndex: 'bonusPoints' }] : []),
      ]}
    />
  );
}

/** A work's evidence and rating; a rater who is not an author rates it at a level of its category, or declines it with a reason. */
function WorkDetails({ work: w, scheme, rater, onChanged }: { work: ResearchWork; scheme?: SchemeVersion; rater: boolean; onChanged: () => void }) {
  const { t, locale } = useMoreI18n();
  const names = useNames();
  const [rate] = Form.useForm<{ levelId: string; comment?: string }>();
  const [decline] = Form.useForm<{ reason: string }>();
  const rating = useAction(rate);
  const declining = useAction(decline);
  const levels = scheme?.categories.find((c) => c.categoryId === w.categoryId)?.levels ?? [];
  const path = { workId: w.workId };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('more.evidence')}>{w.evidence.join('；')}</Descriptions.Item>
        {w.summary && <Descriptions.Item label={t('more.summary')}>{w.summary}</Descriptions.Item>}
        {w.rating && <Descriptions.Item label={t('more.shares')}>{w.rating.shares.map((s) => `${names(s.memberId)} ${formatYuan(s.shareFen, locale)}`).join('、')}</Descriptions.Item>}
        {w.rating?.comment && <Descriptions.Item label={t('more.comment')}>{w.rating.comment}</Descriptions.Item>}
        {w.declined && <Descriptions.Item label={t('more.decline')}>{`${w.declined.reason}（${names(w.declined.by)}）`}</Descriptions.Item>}
      </Descriptions>
      {rater && w.status === 'submitted' && (
        <Space wrap align="start" size="large">
          <Form form={rate} name={`rate-${w.workId}`} layout="vertical" style={{ minWidth: 280 }} onFinish={(v) => void rating.run('rate', async () => (await apiPost('/api/v1/rewards/research/works/{workId}/rating', { levelId: v.levelId, ...(v.comment ? { comment: v.comment } : {}) }, { path }), onChanged()), t('more.rated'))}>
            {rating.failure && <ProblemAlert error={rating.failure.error} messages={rating.failure.lines} onReload={onChanged} />}
            <Form.Item label={t('more.level')} name="levelId" rules={[{ required: true, message: t('book.required') }]}>
              <Select options={levels.map((l) => ({ value: l.levelId, label: `${l.name}（${formatYuan(l.amountFen, locale)}）` }))} />
            </Form.Item>
            <Form.Item label={t('more.comment')} name="comment">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={rating.busy === 'rate'}>
              {t('more.rate')}
            </Button>
          </Form>
          <Form form={decline} name={`decline-${w.workId}`} layout="vertical" style={{ minWidth: 280 }} onFinish={(v) => void declining.run('decline', async () => (await apiPost('/api/v1/rewards/research/works/{workId}/decline', v, { path }), onChanged()), t('more.declined'))}>
            {declining.failure && <ProblemAlert error={declining.failure.error} messages={declining.failure.lines} onReload={onChanged} />}
            <Form.Item label={t('review.reason')} name="reason" rules={[{ required: true, message: t('book.required') }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button danger htmlType="submit" loading={declining.busy === 'decline'}>
              {t('more.decline')}
            </Button>
          </Form>
        </Space>
      )}
    </Space>
  );
}
