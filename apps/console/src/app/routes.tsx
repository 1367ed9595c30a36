import { Button, Result } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Link, Navigate, type RouteObject } from 'react-router';
import { hasRole, useSession } from '../auth/useSession';
import { useI18n } from '../i18n/i18n';
import { ADMINS, APPRAISERS, AUDITORS, REVIEWERS, REWARDERS, STATISTICIANS, SYSTEM_ADMINS, homeOf } from './home';
import { Shell } from './Shell';

// One chunk per role: a member's first page loads none of the reviewers', auditors' or admins' code.
const LoginPage = lazy(() => import('../auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('../auth/ChangePasswordPage'));
const MemberRoutes = lazy(() => import('../roles/member/MemberRoutes'));
const ReviewRoutes = lazy(() => import('../roles/review/ReviewRoutes'));
const AuditRoutes = lazy(() => import('../roles/audit/AuditRoutes'));
const AdminRoutes = lazy(() => import('../roles/admin/AdminRoutes'));
const AppraisalRoutes = lazy(() => import('../roles/appraisal/AppraisalRoutes'));
const InboxPage = lazy(() => import('../roles/inbox/InboxPage'));
const RewardRoutes = lazy(() => import('../roles/reward/RewardRoutes'));
const ObjectionsPage = lazy(() => import('../roles/reward/ObjectionsPage'));
const ResearchPage = lazy(() => import('../roles/reward/ResearchPage'));
const StatsRoutes = lazy(() => import('../roles/stats/StatsRoutes'));
const SystemRoutes = lazy(() => import('../roles/system/SystemRoutes'));

function NotAllowed() {
  const { t } = useI18n();
  return <Result status="403" title={t('app.forbidden')} extra={<Link to="/">{t('app.home')}</Link>} />;
}

/** Signed in (and past a forced password change), with one of `roles` when given. */
function Guard({ roles, children, allowPasswordChange }: { roles?: readonly string[]; children: ReactNode; allowPasswordChange?: boolean }) {
  const state = useSession();
  if (state.status === 'signed-out') return <Navigate to="/login" replace />;
  if (state.user.mustChangePassword && !allowPasswordChange) return <Navigate to="/password" replace />;
  if (roles && !hasRole(state.user, roles)) return <NotAllowed />;
  return <>{children}</>;
}

function Home() {
  const state = useSession();
  return <Navigate to={state.status === 'signed-out' ? '/login' : homeOf(state.user)} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button>{t('app.home')}</Button>
        </Link>
      }
    />
  );
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/password',
    element: (
      <Guard allowPasswordChange>
        <ChangePasswordPage />
      </Guard>
    ),
  },
  {
    element: (
      <Guard>
        <Shell />
      </Guard>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'member/*', element: <MemberRoutes /> },
      { path: 'review/*', element: <Guard roles={REVIEWERS}><ReviewRoutes /></Guard> },
      { path: 'audit/*', element: <Guard roles={AUDITORS}><AuditRoutes /></Guard> },
      { path: 'admin/*', element: <Guard roles={ADMINS}><AdminRoutes /></Guard> },
      { path: 'appraisal/*', element: <Guard roles={APPRAISERS}><AppraisalRoutes /></Guard> },
      { path: 'reward/*', element: <Guard roles={REWARDERS}><RewardRoutes /></Guard> },
      { path: 'notices', element: <ObjectionsPage /> },
      { path: 'research', element: <ResearchPage /> },
      { path: 'stats/*', element: <Guard roles={STATISTICIANS}><StatsRoutes /></Guard> },
      { path: 'system/*', element: <Guard roles={SYSTEM_ADMINS}><SystemRoutes /></Guard> },
      { path: 'account', element: <ChangePasswordPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
