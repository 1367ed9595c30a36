import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { apiGet } from '../../api/client';
import { useMe, useNames } from '../../api/directory';
import type { Page, PledgeSummary } from '../../api/views';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { BookEditor } from './BookEditor';
import { BookPanel } from './BookPage';
import { useYear } from './useYear';

/** The member's own book for the year (drafted here when there is none), and the shared books they belong to. */
export default function MyBookPage() {
  const { t, label } = useI18n();
  const user = useUser();
  const me = useMe();
  const names = useNames();
  const [year, setYear] = useYear();
  const books = useQuery({
    queryKey: ['my-books', user.memberId, year],
    queryFn: async () => (await apiGet<{ pledges: PledgeSummary[] }>('/api/v1/members/{memberId}/pledges', { path: { memberId: user.memberId }, query: { year } })).data.pledges,
  });
  const branchId = me.data?.branchId;
  const collective = useQuery({
    queryKey: ['collective-books', branchId, year],
    enabled: !!branchId,
    queryFn: async () => (await apiGet<Page<PledgeSummary>>('/api/v1/pledges', { query: { year, orgUnitId: branchId, limit: 200 } })).data.items.filter((p) => p.pledger.type === 'collective'),
  });
  const own = books.data?.find((p) => p.pledger.type === 'individual' && p.status !== 'withdrawn');
  const shared = [...(books.data ?? []).filter((p) => p.pledger.type === 'paired'), ...(collective.data ?? [])];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('book.title', { year })}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
      </Space>
      {books.error && <ProblemAlert error={books.error} />}
      {books.isLoading ? (
        <Loading />
      ) : own ? (
        <BookPanel pledgeId={own.pledgeId} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('book.none', { year })} />
          <BookEditor key={year} year={year} branchId={branchId} />
        </>
      )}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('book.others')}</Typography.Title>}>
        <List
          dataSource={shared}
          locale={{ emptyText: t('common.none') }}
          renderItem={(p) => (
            <List.Item actions={[<Link key="open" to={`/member/books/${p.pledgeId}`}>{t('common.open')}</Link>]}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {label('pledger', p.pledger.type)}
                    <span>{p.pledger.orgUnitId ? names(p.pledger.orgUnitId) : p.pledger.memberIds.map(names).join('、')}</span>
                    <StatusTag status={p.status} />
                  </Space>
                }
                description={p.items.map((i) => i.text).join('；')}
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
