import { Button, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../auth/session';
import { hasRole, useUser } from '../auth/useSession';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../ui/Loading';
import { LanguageSelect } from './LanguageSelect';
import { ADMINS, APPRAISERS, AUDITORS, REVIEWERS, REWARDERS, STATISTICIANS, SYSTEM_ADMINS } from './home';
import { InboxBadge } from '../roles/inbox/InboxBadge';
import { SessionExpired } from './SessionExpired';

/** The frame of every page after sign-in: the menu of what the person's roles open, language, sign-out. */
export function Shell() {
  const user = useUser();
  const { t, label } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const item = (path: string, key: Parameters<typeof t>[0]) => ({ key: path, label: <Link to={path}>{t(key)}</Link> });
  const items: MenuProps['items'] = [
    { type: 'group', key: 'g-member', label: t('nav.member'), children: [item('/member/book', 'nav.myBook'), item('/member/booklet', 'nav.booklet'), item('/member/appraisal', 'nav.myAppraisal'), item('/member/rewards', 'nav.myRewards'), item('/notices', 'nav.notices'), item('/research', 'nav.research')] },
    ...(hasRole(user, REVIEWERS) ? [{ type: 'group' as const, key: 'g-review', label: t('nav.review'), children: [item('/review/queue', 'nav.queue'), item('/review/branch', 'nav.branch'), item('/review/checks', 'nav.checks'), ...(hasRole(user, ['branch-secretary']) ? [item('/review/dispatch', 'nav.dispatch'), item('/review/talks', 'nav.talks')] : [])] }] : []),
    ...(hasRole(user, APPRAISERS) ? [{ type: 'group' as const, key: 'g-appraisal', label: t('nav.appraisal'), children: [item('/appraisal', 'nav.appraisalOffice')] }] : []),
    ...(hasRole(user, REWARDERS) ? [{ type: 'group' as const, key: 'g-reward', label: t('nav.rewards'), children: [item('/reward', 'nav.selections'), item('/reward/grants', 'nav.grants'), item('/reward/policy', 'nav.rewardPolicy')] }] : []),
    ...(hasRole(user, STATISTICIANS) ? [{ type: 'group' as const, key: 'g-stats', label: t('nav.stats'), children: [item('/stats', 'nav.statistics')] }] : []),
    ...(hasRole(user, SYSTEM_ADMINS) ? [{ type: 'group' as const, key: 'g-system', label: t('nav.system'), children: [item('/system/bureaus', 'nav.bureauTree'), item('/system/subscriptions', 'nav.subscriptions')] }] : []),
    ...(hasRole(user, AUDITORS) ? [{ type: 'group' as const, key: 'g-audit', label: t('nav.audit'), children: [item('/audit', 'audit.title')] }] : []),
    ...(hasRole(user, ADMINS)
      ? [{ type: 'group' as const, key: 'g-admin', label: t('nav.admin'), children: [item('/admin/directory', 'nav.directory'), item('/admin/accounts', 'nav.accounts'), item('/admin/deadlines', 'nav.deadlines'), ...(hasRole(user, ['bureau-admin']) ? [item('/admin/programme', 'nav.programme')] : [])] }]
      : []),
    { type: 'group', key: 'g-account', label: t('app.account'), children: [item('/inbox', 'nav.inbox'), item('/account', 'password.title')] },
  ];
  const selected = location.pathname.startsWith('/review/') && !/^\/review\/(branch|checks|dispatch|talks)/.test(location.pathname) ? '/review/queue' : location.pathname.startsWith('/appraisal') ? '/appraisal' : location.pathname.startsWith('/audit') ? '/audit' : location.pathname.startsWith('/reward/selections') ? '/reward' : location.pathname.startsWith('/system/subscriptions') ? '/system/subscriptions' : location.pathname;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed} theme="light" width={220} className="no-print" aria-label={t('app.title')}>
        <div className="brand">{t('app.title')}</div>
        <nav>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={() => window.innerWidth < 992 && setCollapsed(true)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header no-print">
          <Typography.Text strong className="who">
            {user.username} · {user.roles.filter((r) => r !== 'member').map((r) => label('role', r)).join('、') || label('role', 'member')}
          </Typography.Text>
          <Space size="small">
            <InboxBadge />
            <LanguageSelect />
            <Button
              size="small"
              onClick={async () => {
                await session.signOut();
                navigate('/login', { replace: true });
              }}
            >
              {t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <SessionExpired />
    </Layout>
  );
}
