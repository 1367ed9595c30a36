import { Modal, Typography } from 'antd';
import { SignInForm } from '../auth/SignInForm';
import { useSession } from '../auth/useSession';
import { useI18n } from '../i18n/i18n';

/** When the session ends mid-work the page stays as it is, and this dialog signs the person in again. */
export function SessionExpired() {
  const state = useSession();
  const { t } = useI18n();
  if (state.status !== 'expired') return null;
  return (
    <Modal open closable={false} footer={null} title={t('login.title')} maskClosable={false} keyboard={false}>
      <Typography.Paragraph>{t('login.expired')}</Typography.Paragraph>
      <SignInForm username={state.user.username} onSignedIn={() => undefined} />
    </Modal>
  );
}
