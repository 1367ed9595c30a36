import { Button, Card, Col, Row as Grid, Select, Space, Statistic, Tabs, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from '../../auth/useSession';
import { saveFile } from '../../export/csv';
import { currentBureauYear, formatDateTime, formatYuan } from '../../format/format';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/problems';
import { useAction } from '../appraisal/useAction';
import { exportFile, useRollUp, useStatistics } from './api';
import { percent, rowsOf, TABLES, type TableName } from './figures';
import { FiguresTable } from './FiguresTable';

// ECharts comes in its own chunk when the page first draws a chart.
const FiguresChart = lazy(() => import('./FiguresChart'));

/** The programme's figures: the year (or since the start), per branch, group and year, rolled up across bureaus; CSV, Excel, print. */
export default function StatisticsPage() {
  const { t, locale } = useI18n();
  const { bureauId } = useUser();
  const [params, setParams] = useSearchParams();
  const period = params.get('year') ?? String(currentBureauYear());
  const year = period === 'all' ? undefined : Number(period) || currentBureauYear();
  const [table, setTable] = useState<(typeof TABLES)[number]>('branches');
  const tables = useStatistics(bureauId, year);
  const rollUp = useRollUp(bureauId, year);
  const action = useAction();
  const rows = useMemo(() => rowsOf(table, tables.data, rollUp.data, t('stats.own'), t('stats.sum')), [table, tables.data, rollUp.data, t]);
  const total = tables.data?.total;
  const now = currentBureauYear();
  const scopeTitle = { branches: t('stats.scope.branch'), groups: t('stats.scope.group'), years: t('common.year'), 'roll-up': t('stats.scope.bureau') }[table];
  const chartLabels = useMemo(
    () => ({ pledged: t('stats.col.deedsPledged'), done: t('stats.col.deedsDone'), rate: t('stats.col.fulfilmentRate'), description: t('stats.chartDescription', { table: t(`stats.table.${table}`) }) }),
    [t, table],
  );

  const download = (format: 'csv' | 'xlsx', which: TableName) =>
    action.run(format, async () => {
      const { blob, fileName } = await exportFile(bureauId, format, which, year);
      saveFile(blob, fileName, blob.type);
    });

  const figure = (title: string, value: string | number) => (
    <Col xs={12} sm={8} lg={6} xl={4}>
      <Statistic title={title} value={value} />
    </Col>
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {t('stats.title')}
        </Typography.Title>
        <Space wrap className="no-print">
          <Select
            aria-label={t('stats.period')}
            value={period === 'all' ? 'all' : String(year)}
            onChange={(v) => setParams((p) => (p.set('year', v), p), { replace: true })}
            style={{ width: 140 }}
            options={[...[now, now - 1, now - 2, now - 3].map((y) => ({ value: String(y), label: String(y) })), { value: 'all', label: t('stats.sinceStart') }]}
          />
          <Button onClick={() => void download('csv', table)} loading={action.busy === 'csv'}>
            {t('stats.exportCsv')}
          </Button>
          <Button onClick={() => void download('xlsx', table)} loading={action.busy === 'xlsx'}>
            {t('stats.exportXlsx')}
          </Button>
          <Button onClick={() => window.print()}>{t('common.print')}</Button>
        </Space>
      </Space>
      {tables.data && (
        <Typography.Text type="secondary">
          {t('stats.heading', { bureau: tables.data.bureau.name, period: year ? String(year) : t('stats.sinceStart'), asOf: formatDateTime(tables.data.asOf, locale) })}
          {total?.withOpeningTotals ? ` · ${t('stats.withOpening')}` : ''}
        </Typography.Text>
      )}
      {action.failure && <ProblemAlert error={action.failure.error} messages={action.failure.lines} />}
      {(tables.error || rollUp.error) && <ProblemAlert error={tables.error ?? rollUp.error} />}
      <Card title={<CardTitle>{t('stats.total')}</CardTitle>} loading={tables.isLoading}>
        {total && (
          <Grid gutter={[16, 16]}>
            {figure(t('stats.col.booksPublished'), total.booksPublished)}
            {figure(t('stats.col.deedsPledged'), total.deedsPledged)}
            {figure(t('stats.col.deedsDone'), total.deedsDone)}
            {figure(t('stats.col.fulfilmentRate'), percent(total.fulfilmentRate))}
            {figure(t('stats.col.peopleAided'), total.peopleAided)}
            {figure(t('stats.col.amountFen'), formatYuan(total.amountFen, locale))}
            {figure(t('stats.col.volunteerHours'), total.volunteerHours)}
            {figure(t('stats.col.checkCompliance'), percent(total.checkCompliance))}
            {figure(t('stats.col.excellent'), total.grades.excellent)}
            {figure(t('stats.col.grants'), total.grants)}
            {figure(t('stats.col.grantsAmountFen'), formatYuan(total.grantsAmountFen, locale))}
          </Grid>
        )}
      </Card>
      <Card title={<CardTitle>{t('stats.tables')}</CardTitle>}>
        <Tabs
          activeKey={table}
          onChange={(key) => setTable(key as typeof table)}
          items={TABLES.map((name) => ({ key: name, label: t(`stats.table.${name}`) }))}
        />
        <FiguresTable rows={rows} scopeTitle={scopeTitle} loading={tables.isLoading || rollUp.isLoading} />
        {rows.length > 0 && (
          <figure style={{ margin: '24px 0 0' }} aria-label={chartLabels.description}>
            <Suspense fallback={<Loading />}>
              <FiguresChart rows={rows} labels={chartLabels} />
            </Suspense>
          </figure>
        )}
      </Card>
    </Space>
  );
}
