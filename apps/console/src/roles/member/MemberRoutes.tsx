import { Route, Routes } from 'react-router';
import BookletPage from './BookletPage';
import BookPage from './BookPage';
import MyBookPage from './MyBookPage';

export default function MemberRoutes() {
  return (
    <Routes>
      <Route path="book" element={<MyBookPage />} />
      <Route path="books/:pledgeId" element={<BookPage />} />
      <Route path="booklet" element={<BookletPage />} />
    </Routes>
  );
}
