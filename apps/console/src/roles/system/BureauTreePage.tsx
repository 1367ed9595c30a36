import { Card, Col, Input, Row, Space, Table, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useRewardI18n as useI18n } from '../../i18n/reward-i18n';
import { CardTitle } from '../../ui/CardTitle';
import { ProblemAlert } from '../../ui/problems';
import { useBureauTree } from './api';
import { allKeys, filterBranches, treeNodes } from './tree-helpers';

/** The system admin's view of every bureau: the hierarchy of authorities, and the same bureaus as a list. */
export default function BureauTreePage() {
  const { t } = useI18n();
  const tree = useBureauTree();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => filterBranches(tree.data?.roots ?? [], search), [tree.data, search]);
  const names = new Map((tree.data?.items ?? []).map((b) => [b.bureauId, b.name]));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('system.bureaus')}
      </Typography.Title>
      {tree.error && <ProblemAlert error={tree.error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<CardTitle>{t('system.hierarchy')}</CardTitle>} loading={tree.isLoading}>
            <Input.Search aria-label={t('system.searchBureau')} placeholder={t('system.searchBureau')} allowClear onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 12 }} />
            {shown.length === 0 ? <Typography.Text type="secondary">{t('system.noBureau')}</Typography.Text> : <Tree key={search} showLine defaultExpandedKeys={allKeys(shown)} treeData={treeNodes(shown)} selectable={false} />}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={<CardTitle>{t('system.bureauList', { count: tree.data?.items.length ?? 0 })}</CardTitle>}>
            <Table
              size="small"
              rowKey="bureauId"
              loading={tree.isLoading}
              // `children` would be read as nested rows: the count goes by another name.
              dataSource={(tree.data?.items ?? []).map(({ children, ...b }) => ({ ...b, childCount: children }))}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('system.noBureau') }}
              columns={[
                { title: t('system.bureauName'), key: 'name', render: (_, b) => <span style={{ paddingLeft: b.depth * 16 }}>{b.name}</span> },
                { title: t('system.bureauId'), dataIndex: 'bureauId' },
                { title: t('system.parent'), key: 'parent', render: (_, b) => (b.parentBureauId ? (names.get(b.parentBureauId) ?? b.parentBureauId) : '—') },
                { title: t('system.children'), dataIndex: 'childCount', align: 'right' },
                { title: t('common.status'), key: 'known', render: (_, b) => (b.parentKnown ? null : <Tag color="warning">{t('system.parentUnknown')}</Tag>) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
