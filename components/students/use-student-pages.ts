"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { fetchStudents, STUDENT_PAGE_SIZE, studentKeys, type StudentPage, type StudentQuery } from "./queries";

/**
 * The list as pages of the server's order: page 1 always (it carries the total), further pages only
 * while their rows are in view (`onRangeChange` from the virtualised table). `query` is sent,
 * `keyParams` key the cache (an opaque token for the search, never its text). `initial`: page 1 as
 * the server rendered it, used instead of asking for it again.
 */
export function useStudentPages(query: StudentQuery, keyParams: Readonly<Record<string, string>>, initial?: StudentPage) {
  const firstKey = studentKeys.list(keyParams, 1);
  const [inView, setInView] = useState({ from: 1, to: 1 });
  const onRangeChange = useCallback((first: number, last: number) => {
    const from = Math.floor(first / STUDENT_PAGE_SIZE) + 1;
    const to = Math.floor(Math.max(first, last) / STUDENT_PAGE_SIZE) + 1;
    setInView((v) => (v.from === from && v.to === to ? v : { from, to }));
  }, []);
  const first = useQuery({
    queryKey: firstKey,
    queryFn: () => fetchStudents(query, 1),
    placeholderData: keepPreviousData,
    ...(initial ? { initialData: initial } : {}),
  });
  const lastPage = Math.ceil((first.data?.total ?? 0) / STUDENT_PAGE_SIZE);
  const pages: number[] = [];
  for (let p = Math.max(2, inView.from); p <= Math.min(inView.to, lastPage); p++) pages.push(p);
  const more = useQueries({
    queries: pages.map((p) => ({ queryKey: studentKeys.list(keyParams, p), queryFn: () => fetchStudents(query, p), staleTime: 30_000 })),
  });
  const byPage = new Map<number, StudentPage | undefined>([[1, first.data], ...pages.map((p, i) => [p, more[i]?.data] as const)]);
  const rowAt = (index: number) => byPage.get(Math.floor(index / STUDENT_PAGE_SIZE) + 1)?.rows[index % STUDENT_PAGE_SIZE];
  return { first, firstKey, rowAt, onRangeChange, pageError: more.find((m) => m.isError)?.error };
}
