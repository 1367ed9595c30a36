import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useNames } from '../../api/directory';
import { useI18n } from '../../i18n/i18n';
import { explanationLines, formatPoints, type ExplanationLine } from './round-helpers';
import { AppraisalTag } from './tags';
import type { Explanation } from './types';

/** A member's score, point by point: each criterion's rule, inputs and the events it came from; the grade and why. */
export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const { t, label } = useI18n();
  const names = useNames();
  const { sheet, result } = explanation;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="explanation">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('appraisal.points')}>
          <Typography.Text strong data-testid="explained-points">
            {formatPoints(result?.points ?? sheet.points)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('appraisal.grade')}>
          <AppraisalTag value={result?.grade ?? explanation.grade} prefix="grade" /> {t(`appraisal.gradeReason.${explanation.gradeReason}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('appraisal.schemeVersion')}>v{explanation.schemeVersion}</Descriptions.Item>
        <Descriptions.Item label={t('appraisal.bands')}>{explanation.bands.map((b) => `${label('grade', b.grade)} ≥ ${b.minPoints}`).join('；')}</Descriptions.Item>
        {explanation.quota && (
          <Descriptions.Item label={t('appraisal.quota')}>
            {t('appraisal.quotaLine', { percent: explanation.quota.maxPercent, limit: explanation.quota.limit, rank: explanation.quota.rank ?? '—' })}
            {explanation.quota.granted ? ` · ${t('appraisal.quotaGranted')}` : ''}
          </Descriptions.Item>
        )}
        {result && (
          <Descriptions.Item label={t('appraisal.notice')}>
            <AppraisalTag value={result.status} /> {t('appraisal.noticePeriod', { start: result.notice.startsOn, end: result.notice.endsOn, days: result.notice.workingDays })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {sheet.missing.length > 0 && <Alert type="info" showIcon title={t('appraisal.stillMissing', { criteria: sheet.missing.join('、') })} />}
      {/* Narrow screens scroll the lines sideways; the region takes the keyboard focus that scrolling needs. */}
      <div tabIndex={0} role="region" aria-label={t('appraisal.explanation')} style={{ overflowX: 'auto' }}>
        <Table<ExplanationLine>
          size="small"
          rowKey="key"
          pagination={false}
          tableLayout="auto"
          style={{ minWidth: 760 }}
          dataSource={explanationLines(explanation, t)}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('appraisal.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Typography.Text strong>{formatPoints(sheet.points)}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={3}>
                {t('appraisal.totalLine', { criteria: formatPoints(sheet.criteriaPoints), bonus: formatPoints(sheet.bonusPoints), deduction: formatPoints(sheet.deductionPoints) })}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
          columns={[
            { title: t('appraisal.criterion'), key: 'label', render: (_, l) => <span style={{ whiteSpace: 'nowrap' }}>{l.kind === 'criterion' ? l.label : `${t(`appraisal.line.${l.kind}`)} · ${l.label}`}</span> },
            { title: t('appraisal.points'), key: 'points', render: (_, l) => (l.max !== undefined ? `${formatPoints(l.points)} / ${formatPoints(l.max)}` : formatPoints(l.points)) },
            {
              title: t('appraisal.rule'),
              key: 'rule',
              render: (_, l) => (
                <>
                  {l.formula && <div>{label('appraisal.formula', l.formula)}</div>}
                  <Typography.Text type={l.formula ? 'secondary' : undefined} style={{ fontSize: l.formula ? 12 : undefined }}>
                    {l.rule}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('appraisal.inputs'), dataIndex: 'inputs' },
            {
              title: t('appraisal.sources'),
              key: 'sources',
              render: (_, l) =>
                l.sources.length ? (
                  <span title={l.sources.join('\n')}>
                    <Tag>{t('appraisal.eventCount', { count: l.sources.length })}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.sources.slice(0, 2).map((id) => `…${id.slice(-6)}`).join(' ')}
                      {l.sources.length > 2 ? ' …' : ''}
                    </Typography.Text>
                  </span>
                ) : (
                  ''
                ),
            },
          ]}
        />
      </div>
      {sheet.criteria.some((c) => c.enteredBy) && (
        <Typography.Text type="secondary">
          {t('appraisal.enteredBy')}: {[...new Set(sheet.criteria.flatMap((c) => (c.enteredBy ? [names(c.enteredBy)] : [])))].join('、')}
        </Typography.Text>
      )}
    </Space>
  );
}
