import { useMemo } from 'react';
import { useGetManyAggregate } from 'react-admin';

/**
 * Display names of login subjects from the 職員名簿 (intake `/staff?subjects=…`). Through `useGetManyAggregate`, so every
 * staff field of a page becomes one request; a subject who never signed in is simply not in the map.
 */
export function useStaffNames(subjects: readonly string[]): Map<string, string> {
  const ids = useMemo(() => [...new Set(subjects.filter(Boolean))], [subjects]);
  const { data } = useGetManyAggregate('staff', { ids }, { enabled: ids.length > 0, retry: false });
  return useMemo(() => new Map((data ?? []).map((member) => [String(member.id), String(member.displayName ?? '')])), [data]);
}
