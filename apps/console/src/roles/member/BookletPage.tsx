import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useRef } from 'react';
import { apiText } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from './useYear';

/** The printable booklet the review service renders (A4), shown here and printed from the frame. */
export default function BookletPage() {
  const { t } = useI18n();
  const user = useUser();
  const [year, setYear] = useYear();
  const frame = useRef<HTMLIFrameElement>(null);
  const booklet = useQuery({
    queryKey: ['booklet', user.memberId, year],
    queryFn: async () => {
      try {
        return (await apiText('/api/v1/members/{memberId}/booklet', { path: { memberId: user.memberId }, query: { year } })).data;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }
    },
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap className="no-print">
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('booklet.title')}
        </Typography.Title>
        <YearSelect value={year} onChange={setYear} />
        <Button type="primary" disabled={!booklet.data} onClick={() => frame.current?.contentWindow?.print()}>
          {t('common.print')}
        </Button>
      </Space>
      {booklet.isLoading && <Loading />}
      {booklet.error && <ProblemAlert error={booklet.error} />}
      {booklet.data === null && <Alert type="info" showIcon title={t('booklet.empty', { year })} />}
      {booklet.data && <iframe ref={frame} className="booklet-frame" title={t('booklet.title')} srcDoc={booklet.data} sandbox="allow-modals allow-same-origin" />}
    </Space>
  );
}
