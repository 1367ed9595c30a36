import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiGet, apiPost, apiText } from '../../api/client';
import { hasRole, useUser } from '../../auth/useSession';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { BASE, useResults, useRound } from './api';
import { ExplanationView } from './ExplanationView';
import { ObjectionsCard } from './ObjectionsCard';
import { formatPoints } from './round-helpers';
import { PeerTallyCard } from './PeerTallyCard';
import { ScoringCard } from './ScoringCard';
import { AppraisalTag } from './tags';
import type { Explanation, ResultLine } from './types';
import { useAction } from './useAction';

/** A half-year round: scoring, the results by grade with each member's explanation, the notice and its objections, finalisation. */
export default function RoundPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const { bureauId } = user;
  const params = useParams();
  const year = Number(params.year);
  const half = params.half === 'H2' ? 'H2' : 'H1';
  const round = useRound(year, half);
  const results = useResults(year, half);
  const queryClient = useQueryClient();
  const action = useAction();
  const [days, setDays] = useState<number | null>(5);
  const [explained, setExplained] = useState<string>();
  const path = { bureauId, year: String(year), half };
  const explanation = useQuery({
    queryKey: ['appraisal', 'explanation', bureauId, year, half, explained],
    enabled: !!explained,
    queryFn: async () => (await apiGet<Explanation>(`${BASE}/rounds/{year}/{half}/members/{memberId}/explanation`, { path: { ...path, memberId: explained! } })).data,
  });
  const notice = useQuery({
    queryKey: ['appraisal', 'notice', bureauId, year, half, round.data?.revision],
    enabled: !!round.data && round.data.status !== 'scoring',
    queryFn: async () => (await apiText(`${BASE}/rounds/{year}/{half}/notice`, { path })).data,
  });
  if (round.isLoading) return <Loading />;
  if (!round.data) return <ProblemAlert error={round.error} />;
  const r = round.data;
  const office = hasRole(user, ['appraisal-office', 'system-admin']);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['appraisal'] });
  const ifMatch = r.etag ? { 'if-match': r.etag } : undefined;
  const act = (name: string, path2: `${typeof BASE}/rounds/{year}/{half}/${'computed-scores' | 'notice' | 'renewed-notice' | 'finalize'}`, body: { workingDays?: number } | undefined, done: string) =>
    action.run(
      name,
      async () => {
        await apiPost(path2, body as never, { path, headers: ifMatch });
        refresh();
      },
      done,
    );
  const lines = (results.data?.byGrade ?? []).flatMap((g) => g.members);
  const scoring = r.status === 'scoring' || r.results.rescoring > 0;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.roundHeading', { year, half: t(`appraisal.half.${half}`) })} <AppraisalTag value={r.status} />
        </Typography.Title>
        <Link to={`/appraisal?year=${year}`}>{t('appraisal.backToOffice')}</Link>
      </Space>
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={refresh} />}
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('appraisal.version')}>v{r.schemeVersion}</Descriptions.Item>
          <Descriptions.Item label={t('appraisal.subjects')}>{r.subjects.length}</Descriptions.Item>
          <Descriptions.Item label={t('appraisal.openedAt')}>{formatDateTime(r.openedAt, locale)}</Descriptions.Item>
          {r.notice && <Descriptions.Item label={t('appraisal.notice')}>{t('appraisal.noticeRange', { start: r.notice.startsOn, end: r.notice.endsOn })}</Descriptions.Item>}
          <Descriptions.Item label={t('appraisal.openObjections')}>{r.openObjections}</Descriptions.Item>
          {r.finalizedAt && <Descriptions.Item label={t('appraisal.finalizedAt')}>{formatDateTime(r.finalizedAt, locale)}</Descriptions.Item>}
        </Descriptions>
        {office && r.status !== 'final' && (
          <Space wrap style={{ marginTop: 12 }}>
            {scoring && (
              <Button onClick={() => void act('compute', `${BASE}/rounds/{year}/{half}/computed-scores`, undefined, t('appraisal.computed'))} loading={action.busy === 'compute'}>
                {t('appraisal.compute')}
              </Button>
            )}
            {(r.status === 'scoring' || r.results.rescoring > 0) && (
              <>
                <label htmlFor="notice-days">{t('appraisal.workingDays')}</label>
                <InputNumber id="notice-days" min={1} max={30} value={days} onChange={setDays} style={{ width: 72 }} />
                <Button
                  type="primary"
                  onClick={() => void act('notice', r.status === 'scoring' ? `${BASE}/rounds/{year}/{half}/notice` : `${BASE}/rounds/{year}/{half}/renewed-notice`, days ? { workingDays: days } : {}, t('appraisal.onNotice'))}
                  loading={action.busy === 'notice'}
                >
                  {r.status === 'scoring' ? t('appraisal.putOnNotice') : t('appraisal.renewNotice')}
                </Button>
              </>
            )}
            {r.status === 'on-notice' && (
              <Button onClick={() => void act('finalize', `${BASE}/rounds/{year}/{half}/finalize`, undefined, t('appraisal.finalized'))} loading={action.busy === 'finalize'}>
                {t('appraisal.finalize')}
              </Button>
            )}
          </Space>
        )}
      </Card>
      {office && scoring && <ScoringCard round={r} onChanged={refresh} />}
      {office && r.status === 'scoring' && <PeerTallyCard round={r} onChanged={refresh} />}
      <Card>
        <Tabs
          items={[
            {
              key: 'results',
              label: results.data?.provisional ? t('appraisal.provisional') : t('appraisal.results'),
              children: (
                <>
                  {results.error && <ProblemAlert error={results.error} />}
                  <Table<ResultLine>
                    size="small"
                    rowKey="memberId"
                    loading={results.isLoading}
                    dataSource={lines}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    locale={{ emptyText: t('appraisal.noResults') }}
                    columns={[
                      { title: t('common.name'), dataIndex: 'name' },
                      { title: t('appraisal.points'), key: 'points', render: (_, l) => formatPoints(l.points) },
                      { title: t('appraisal.grade'), key: 'grade', render: (_, l) => <AppraisalTag value={l.grade} prefix="grade" /> },
                      { title: t('common.status'), key: 'status', render: (_, l) => <AppraisalTag value={l.status} /> },
                      {
                        title: t('appraisal.explanation'),
                        key: 'explain',
                        render: (_, l) => (
                          <Button size="small" type="link" onClick={() => setExplained(l.memberId)} aria-label={`${t('appraisal.explain')} ${l.name}`}>
                            {t('appraisal.explain')}
                          </Button>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            ...(r.status !== 'scoring'
              ? [
                  {
                    key: 'notice',
                    label: t('appraisal.noticePage'),
                    children: notice.data ? <iframe title={t('appraisal.noticePage')} className="notice-frame" srcDoc={notice.data} style={{ width: '100%', minHeight: 480, border: '1px solid #ddd' }} /> : <Loading />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {/* Who objected and what they wrote: for the office's staff (the service refuses others). */}
      {r.status !== 'scoring' && office && <ObjectionsCard round={r} office={office} onChanged={refresh} />}
      <Drawer open={!!explained} onClose={() => setExplained(undefined)} width={Math.min(900, window.innerWidth)} title={t('appraisal.explanationOf', { name: explanation.data?.name ?? '' })}>
        {explanation.error && <ProblemAlert error={explanation.error} />}
        {explanation.isLoading && <Loading />}
        {explanation.data && <ExplanationView explanation={explanation.data} />}
      </Drawer>
    </Space>
  );
}
