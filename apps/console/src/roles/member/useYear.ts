import { useSearchParams } from 'react-router';
import { currentBureauYear } from '../../format/format';

/** The programme year on the page, kept in the address (`?year=`), the bureau's current year by default. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentBureauYear();
  return [year, (next) => setParams((p) => (p.set('year', String(next)), p), { replace: true })];
}
