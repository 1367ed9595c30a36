import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { apiGet, apiPut } from '../../api/client';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { YearSelect } from '../../ui/YearSelect';
import { useYear } from '../member/useYear';
import { BASE } from './api';
import { useAction } from './useAction';

interface Calendar {
  holidays: string[];
  makeUpWorkdays: string[];
  set: boolean;
  noticeWorkingDays: number;
  revision: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The bureau's calendar of the year: holidays and make-up working days, by which a notice counts its working days. */
export default function CalendarPage() {
  const { t } = useI18n();
  const { bureauId } = useUser();
  const [year, setYear] = useYear();
  const [form] = Form.useForm<{ holidays: string[]; makeUpWorkdays: string[] }>();
  const action = useAction(form);
  const calendar = useQuery({
    queryKey: ['appraisal', 'calendar', bureauId, year],
    queryFn: async () => {
      const { data, etag } = await apiGet<Calendar>(`${BASE}/calendar/{year}`, { path: { bureauId, year: String(year) } });
      return { ...data, etag };
    },
  });
  const dates = (name: 'holidays' | 'makeUpWorkdays') => (
    <Form.Item
      label={t(`appraisal.${name}`)}
      name={name}
      extra={t('appraisal.datesHint')}
      rules={[{ validator: async (_, v: string[] | undefined) => ((v ?? []).every((d) => DATE.test(d)) ? undefined : Promise.reject(new Error(t('appraisal.dateFormat')))) }]}
    >
      <Select mode="tags" tokenSeparators={[',', ' ', '，', '、']} open={false} suffixIcon={null} />
    </Form.Item>
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('appraisal.calendarTitle')}
        </Typography.Title>
        <Space>
          <YearSelect value={year} onChange={setYear} />
          <Link to={`/appraisal?year=${year}`}>{t('appraisal.backToOffice')}</Link>
        </Space>
      </Space>
      {calendar.isLoading ? (
        <Loading />
      ) : (
        <Card>
          {calendar.error && <ProblemAlert error={calendar.error} />}
          {calendar.data && !calendar.data.set && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('appraisal.calendarUnset')} />}
          {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} onReload={() => void calendar.refetch()} />}
          <Form
            form={form}
            layout="vertical"
            key={`${year}-${calendar.data?.revision}`}
            initialValues={{ holidays: calendar.data?.holidays ?? [], makeUpWorkdays: calendar.data?.makeUpWorkdays ?? [] }}
            onFinish={(v) =>
              void action.run(
                'save',
                async () => {
                  await apiPut(`${BASE}/calendar/{year}`, { holidays: [...v.holidays].sort(), makeUpWorkdays: [...v.makeUpWorkdays].sort() }, { path: { bureauId, year: String(year) }, headers: calendar.data?.etag ? { 'if-match': calendar.data.etag } : undefined });
                  void calendar.refetch();
                },
                t('common.saved'),
              )
            }
          >
            {dates('holidays')}
            {dates('makeUpWorkdays')}
            <Typography.Paragraph type="secondary">{t('appraisal.noticeDefault', { days: calendar.data?.noticeWorkingDays ?? 5 })}</Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={action.busy === 'save'}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
