import { Route, Routes } from 'react-router';
import BranchPage from './BranchPage';
import QueuePage from './QueuePage';
import ReviewPage from './ReviewPage';

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route path="queue" element={<QueuePage />} />
      <Route path="branch" element={<BranchPage />} />
      <Route path=":pledgeId" element={<ReviewPage />} />
    </Routes>
  );
}
