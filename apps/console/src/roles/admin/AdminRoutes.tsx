import { Route, Routes } from 'react-router';
import AccountsPage from './AccountsPage';
import DeadlinesPage from './DeadlinesPage';
import DirectoryPage from './DirectoryPage';
import ProgrammePage from './ProgrammePage';

export default function AdminRoutes() {
  return (
    <Routes>
      <Route path="directory" element={<DirectoryPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="deadlines" element={<DeadlinesPage />} />
      <Route path="programme" element={<ProgrammePage />} />
    </Routes>
  );
}
