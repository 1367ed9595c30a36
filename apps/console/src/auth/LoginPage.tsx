import { Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { LanguageSelect } from '../app/LanguageSelect';
import { homeOf } from '../app/home';
import { session } from './session';
import { SignInForm } from './SignInForm';

export default function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <main className="login-page">
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LanguageSelect />
        </div>
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <SignInForm
          onSignedIn={(mustChange) => {
            const state = session.state;
            navigate(mustChange ? '/password' : state.status === 'signed-in' ? homeOf(state.user) : '/', { replace: true });
          }}
        />
      </Card>
    </main>
  );
}
