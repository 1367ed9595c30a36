import { Descriptions, List, Space, Tag, Typography } from 'antd';
import type { PledgeItem, ReturnVerdict } from '../../api/views';
import { useI18n } from '../../i18n/i18n';

/** A book's items as they read: kind, area or category, beneficiary, target; returned items marked with the reason. */
export function BookItems({ items, returned, extra }: { items: PledgeItem[]; returned?: ReturnVerdict[]; extra?: (item: PledgeItem) => React.ReactNode }) {
  const { t, label } = useI18n();
  const reasons = new Map((returned ?? []).filter((v) => v.verdict === 'revise').map((v) => [v.itemNo, v.reason ?? ''] as const));
  return (
    <List
      dataSource={items}
      renderItem={(item) => (
        <List.Item className={reasons.has(item.no) ? 'item-returned' : undefined} extra={extra?.(item)}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{t('common.item', { no: item.no })}</Typography.Text>
              <Tag>{label('kind', item.kind)}</Tag>
              {item.area && <Tag>{label('area', item.area)}</Tag>}
              {item.category && <Tag color="blue">{label('category', item.category)}</Tag>}
              {item.benchmark && <Tag color="red">{t('book.benchmark')}</Tag>}
              {reasons.has(item.no) && <Tag color="warning">{t('review.reviseItem')}</Tag>}
            </Space>
            <Typography.Text>{item.text}</Typography.Text>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('book.target')}>{item.target}</Descriptions.Item>
              {item.beneficiary && (
                <Descriptions.Item label={t('book.beneficiary')}>
                  {label('beneficiary', item.beneficiary.type)} · {item.beneficiary.name}
                  {item.beneficiary.arrangedByBranch ? `（${t('book.arranged')}）` : ''}
                </Descriptions.Item>
              )}
              {item.dueQuarter && <Descriptions.Item label={t('book.dueQuarter')}>Q{item.dueQuarter}</Descriptions.Item>}
            </Descriptions>
            {reasons.has(item.no) && (
              <Typography.Text type="warning">
                {t('book.returnReason')}：{reasons.get(item.no)}
              </Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
