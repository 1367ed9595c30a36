import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useParams } from 'react-router';
import { apiGet } from '../../api/client';
import { useNames } from '../../api/directory';
import type { EvidenceFile } from '../../api/evidence';
import { ApiProblem } from '../../api/problem';
import type { Pledge, Review } from '../../api/views';
import { useUser } from '../../auth/useSession';
import { formatDateTime, formatYuan } from '../../format/format';
import { useI18n } from '../../i18n/i18n';
import { EvidenceThumbs } from '../../ui/EvidenceThumbs';
import { StatusTag } from '../../ui/labels';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { BookEditor } from './BookEditor';
import { BookItems } from './BookItems';
import { RecordDeed } from './RecordDeed';
import { ReviewTrail } from './ReviewTrail';

export function usePledge(pledgeId: string, asOf?: string) {
  return useQuery({
    queryKey: ['pledge', pledgeId, asOf ?? 'now'],
    queryFn: async () => apiGet<Pledge>('/api/v1/pledges/{pledgeId}', { path: { pledgeId }, query: { asOf } }),
  });
}

export function useReview(pledgeId: string) {
  return useQuery({
    queryKey: ['review', pledgeId],
    queryFn: async () => {
      try {
        return (await apiGet<Review>('/api/v1/reviews/{pledgeId}', { path: { pledgeId } })).data;
      } catch (error) {
        // Never submitted: no review yet.
        if (error instanceof ApiProblem && error.status === 404) return undefined;
        throw error;
      }
    },
  });
}

/** One book: edited while draft or returned (by its pledgers), read otherwise; its review record and deeds. */
export function BookPanel({ pledgeId }: { pledgeId: string }) {
  const { t, label, locale } = useI18n();
  const user = useUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const pledge = usePledge(pledgeId);
  const review = useReview(pledgeId);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['pledge', pledgeId] });
    void queryClient.invalidateQueries({ queryKey: ['review', pledgeId] });
    void queryClient.invalidateQueries({ queryKey: ['my-books'] });
  };
  if (pledge.isLoading) return <Loading />;
  if (!pledge.data) return <ProblemAlert error={pledge.error} />;
  const { data: book, etag } = pledge.data;
  const mine = book.pledger.memberIds.includes(user.memberId);
  const editable = mine && (book.status === 'draft' || book.status === 'returned');
  const returned = book.status === 'returned' ? book.lastReturn?.verdicts : undefined;
  const totals = book.records.reduce((sum, r) => ({ people: sum.people + (r.peopleAided ?? 0), fen: sum.fen + (r.amountFen ?? 0), hours: sum.hours + (r.volunteerHours ?? 0) }), { people: 0, fen: 0, hours: 0 });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag status={book.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.pledger')}>
            {label('pledger', book.pledger.type)} · {book.pledger.orgUnitId ? names(book.pledger.orgUnitId) : book.pledger.memberIds.map(names).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.year')}>{book.year}</Descriptions.Item>
          {book.publication && <Descriptions.Item label={t('status.published')}>{formatDateTime(book.publication.publishedAt, locale)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {returned && <Alert type="warning" showIcon title={t('book.returnedNotice')} />}
      {editable ? (
        <BookEditor key={`${book.revision}`} year={book.year} branchId={book.branchId} pledge={book} etag={etag} returned={returned} onChanged={refresh} />
      ) : (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('book.items')}</Typography.Title>}>
          <BookItems items={book.items} returned={returned} />
        </Card>
      )}
      {(book.status === 'published' || book.records.length > 0) && (
        <Card
          title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('book.records')}</Typography.Title>}
          extra={mine && book.status === 'published' ? <RecordDeed pledge={book} etag={etag} onRecorded={refresh} /> : undefined}
        >
          <Typography.Paragraph>{t('book.totals', { people: totals.people, amount: formatYuan(totals.fen, locale), hours: totals.hours })}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="recordId"
            dataSource={book.records}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('record.recordedOn'), dataIndex: 'recordedOn' },
              { title: t('record.itemNo'), dataIndex: 'itemNo', render: (no: number) => t('common.item', { no }) },
              { title: t('record.narrative'), dataIndex: 'narrative' },
              { title: t('record.peopleAided'), dataIndex: 'peopleAided', align: 'right' },
              { title: t('record.amount'), dataIndex: 'amountFen', align: 'right', render: (fen?: number) => (fen ? formatYuan(fen, locale) : '') },
              { title: t('record.hours'), dataIndex: 'volunteerHours', align: 'right' },
              { title: t('record.evidence'), dataIndex: 'attachments', render: (files?: EvidenceFile[]) => <EvidenceThumbs pledgeId={book.pledgeId} files={files} /> },
            ]}
          />
        </Card>
      )}
      <ReviewTrail review={review.data} />
    </Space>
  );
}

export default function BookPage() {
  const { pledgeId } = useParams();
  const { t } = useI18n();
  const pledge = usePledge(pledgeId!);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('book.title', { year: pledge.data?.data.year ?? '' })}
      </Typography.Title>
      <BookPanel pledgeId={pledgeId!} />
    </Space>
  );
}
