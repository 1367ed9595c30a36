import { Route, Routes } from 'react-router';
import BranchPage from './BranchPage';
import ChecksPage from './ChecksPage';
import DispatchPage from './DispatchPage';
import QueuePage from './QueuePage';
import ReviewPage from './ReviewPage';
import TalksPage from './TalksPage';

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route path="queue" element={<QueuePage />} />
      <Route path="branch" element={<BranchPage />} />
      <Route path="checks" element={<ChecksPage />} />
      <Route path="dispatch" element={<DispatchPage />} />
      <Route path="talks" element={<TalksPage />} />
      <Route path=":pledgeId" element={<ReviewPage />} />
    </Routes>
  );
}
