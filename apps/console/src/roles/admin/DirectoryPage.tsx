import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { apiGet } from '../../api/client';
import { useNames } from '../../api/directory';
import type { Member, OrgUnit, Page } from '../../api/views';
import { useUser } from '../../auth/useSession';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/problems';
import { usePaged } from '../../ui/usePaged';
import { DirectoryImport } from './DirectoryImport';

/** The bureau's directory: organisation, people (paged), and the CSV import. */
export default function DirectoryPage() {
  const { t, label } = useI18n();
  const { bureauId } = useUser();
  const names = useNames();
  const members = usePaged<Member>(['directory-members', bureauId], async (cursor) => (await apiGet<Page<Member>>('/api/v1/bureaus/{bureauId}/members', { path: { bureauId }, query: { limit: 50, cursor } })).data);
  const units = usePaged<OrgUnit>(['directory-units', bureauId], async (cursor) => (await apiGet<Page<OrgUnit>>('/api/v1/bureaus/{bureauId}/org-units', { path: { bureauId }, query: { limit: 50, cursor } })).data);
  const more = (list: { hasNextPage: boolean; fetchNextPage: () => unknown; isFetchingNextPage: boolean }) =>
    list.hasNextPage ? (
      <Button style={{ marginTop: 8 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
        {t('common.more')}
      </Button>
    ) : null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
        {t('nav.directory')}
      </Typography.Title>
      <Card>
        <Tabs
          items={[
            {
              key: 'members',
              label: t('admin.members'),
              children: (
                <>
                  {members.error && <ProblemAlert error={members.error} />}
                  <Table
                    size="small"
                    rowKey="memberId"
                    loading={members.isLoading}
                    dataSource={members.items}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('common.name'), dataIndex: 'name' },
                      { title: t('common.memberId'), dataIndex: 'memberId' },
                      { title: t('admin.party'), dataIndex: 'partyStatus', render: (s: string) => label('party', s) },
                      { title: t('unit.party-branch'), dataIndex: 'branchId', render: (id?: string) => (id ? names(id) : '') },
                      { title: t('unit.party-group'), dataIndex: 'groupId', render: (id?: string) => (id ? names(id) : '') },
                      { title: t('unit.department'), dataIndex: 'departmentId', render: (id?: string) => (id ? names(id) : '') },
                      { title: t('common.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>) },
                    ]}
                  />
                  {more(members)}
                </>
              ),
            },
            {
              key: 'units',
              label: t('admin.orgUnits'),
              children: (
                <>
                  <Table
                    size="small"
                    rowKey="orgUnitId"
                    loading={units.isLoading}
                    dataSource={units.items}
                    pagination={false}
                    columns={[
                      { title: t('common.name'), dataIndex: 'name' },
                      { title: 'id', dataIndex: 'orgUnitId' },
                      { title: t('common.status'), dataIndex: 'type', render: (type: string) => label('unit', type) },
                      { title: t('unit.party-branch'), dataIndex: 'parentId', render: (id?: string) => (id ? names(id) : '') },
                    ]}
                  />
                  {more(units)}
                </>
              ),
            },
            { key: 'import', label: t('admin.import'), children: <DirectoryImport /> },
          ]}
        />
      </Card>
    </Space>
  );
}
