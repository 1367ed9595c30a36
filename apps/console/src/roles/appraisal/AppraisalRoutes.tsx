import { Route, Routes } from 'react-router';
import CalendarPage from './CalendarPage';
import OfficePage from './OfficePage';
import RoundPage from './RoundPage';
import SchemePage from './SchemePage';

/** The appraisal office's pages (and the leading group's approval of the scheme). */
export default function AppraisalRoutes() {
  return (
    <Routes>
      <Route index element={<OfficePage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="schemes/:year/:version" element={<SchemePage />} />
      <Route path="rounds/:year/:half" element={<RoundPage />} />
    </Routes>
  );
}
