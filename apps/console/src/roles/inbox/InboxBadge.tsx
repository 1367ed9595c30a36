import { Badge } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useHasInbox, useUnreadCount } from './api';

/** The header's way to the inbox, with the count still unread (asked again every minute and after marking read). */
export function InboxBadge() {
  const { t } = useI18n();
  const unread = useUnreadCount();
  if (!useHasInbox()) return null;
  const count = unread.data ?? 0;
  return (
    <Link to="/inbox" aria-label={t('inbox.badge', { count })} data-testid="inbox-badge" data-unread={count}>
      <Badge count={count} size="small" overflowCount={99}>
        <span style={{ padding: '0 10px 0 4px', whiteSpace: 'nowrap' }}>{t('nav.inbox')}</span>
      </Badge>
    </Link>
  );
}
