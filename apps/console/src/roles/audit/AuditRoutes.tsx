import { Route, Routes } from 'react-router';
import AuditListPage from './AuditListPage';
import AuditPledgePage from './AuditPledgePage';

export default function AuditRoutes() {
  return (
    <Routes>
      <Route index element={<AuditListPage />} />
      <Route path=":pledgeId" element={<AuditPledgePage />} />
    </Routes>
  );
}
