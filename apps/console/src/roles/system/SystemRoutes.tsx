import { Route, Routes } from 'react-router';
import BureauTreePage from './BureauTreePage';
import SubscriptionPage from './SubscriptionPage';
import SubscriptionsPage from './SubscriptionsPage';

/** The system admin's pages: every bureau, and outside systems' subscriptions. */
export default function SystemRoutes() {
  return (
    <Routes>
      <Route path="bureaus" element={<BureauTreePage />} />
      <Route path="subscriptions" element={<SubscriptionsPage />} />
      <Route path="subscriptions/:id" element={<SubscriptionPage />} />
    </Routes>
  );
}
