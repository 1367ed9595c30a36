import { Route, Routes } from 'react-router';
import StatisticsPage from './StatisticsPage';

/** The programme's statistics, for the bureau's people who report them (and its parents' auditors through the API). */
export default function StatsRoutes() {
  return (
    <Routes>
      <Route index element={<StatisticsPage />} />
    </Routes>
  );
}
