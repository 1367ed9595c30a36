import { Route, Routes } from 'react-router';
import GrantsPage from './GrantsPage';
import PolicyPage from './PolicyPage';
import SelectionPage from './SelectionPage';
import SelectionsPage from './SelectionsPage';

/** 评先选优 and grants: read by the bureau's people who keep them, written as the service's guards allow. */
export default function RewardRoutes() {
  return (
    <Routes>
      <Route index element={<SelectionsPage />} />
      <Route path="selections/:selectionId" element={<SelectionPage />} />
      <Route path="grants" element={<GrantsPage />} />
      <Route path="policy" element={<PolicyPage />} />
    </Routes>
  );
}
