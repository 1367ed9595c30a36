import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import BookletPage from './BookletPage';
import BookPage from './BookPage';
import MyBookPage from './MyBookPage';

// The appraisal year loads on its own: the member's first page (the book) ships none of it.
const MyAppraisalPage = lazy(() => import('./MyAppraisalPage'));
const MyRewardsPage = lazy(() => import('./MyRewardsPage'));

export default function MemberRoutes() {
  return (
    <Routes>
      <Route path="book" element={<MyBookPage />} />
      <Route path="books/:pledgeId" element={<BookPage />} />
      <Route path="booklet" element={<BookletPage />} />
      <Route path="appraisal" element={<MyAppraisalPage />} />
      <Route path="rewards" element={<MyRewardsPage />} />
    </Routes>
  );
}
