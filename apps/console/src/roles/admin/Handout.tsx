import { Button, Space, Typography } from 'antd';
import { useNames } from '../../api/directory';
import { useI18n } from '../../i18n/i18n';

export interface IssuedPassword {
  username: string;
  memberId: string;
  initialPassword: string;
}

/** Initial passwords on paper: one row per person, a column to sign on receipt; printed without the console's frame. */
export function Handout({ issued, onClose }: { issued: IssuedPassword[]; onClose: () => void }) {
  const { t } = useI18n();
  const names = useNames();
  return (
    <div className="handout" data-testid="handout">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t('common.print')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('accounts.handout')}
      </Typography.Title>
      <Typography.Paragraph>{t('accounts.handoutNote')}</Typography.Paragraph>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('login.username')}</th>
            <th scope="col">{t('accounts.initialPassword')}</th>
            <th scope="col">{t('accounts.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {issued.map((i) => (
            <tr key={i.username}>
              <td>{names(i.memberId)}</td>
              <td>{i.username}</td>
              <td className="password">{i.initialPassword}</td>
              <td style={{ width: '25%' }} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
