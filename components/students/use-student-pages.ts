"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { postJson } from "@/components/lists/api";
import type { StudentRow } from "./student-columns";

export type StudentAnswer = { total: number; rows: StudentRow[]; page: number; pageSize: number; ageSeconds: number; invalid: { count: number; paths: Record<string, number> } };

/** Rows per request: the list is virtualised, so the browser holds only the pages in view. */
const PAGE_SIZE = 100;

// A POST: the name search travels in the body, never in a URL (where proxy and access logs keep it).
export function fetchStudents(params: Record<string, string>, page: number, refresh = false) {
  return postJson<StudentAnswer>("/api/students", { ...params, page, pageSize: PAGE_SIZE, ...(refresh ? { refresh: true } : {}) });
}

/**
 * The list as pages of the server's order: page 1 always (it carries the total), further pages only
 * while their rows are in view (`onRangeChange` from the virtualised table). `params` are sent,
 * `keyParams` key the cache (an opaque token for the search, never its text).
 */
export function useStudentPages(params: Record<string, string>, keyParams: Record<string, string>) {
  const firstKey = ["students", keyParams, 1] as const;
  const [inView, setInView] = useState({ from: 1, to: 1 });
  const onRangeChange = useCallback((first: number, last: number) => {
    const from = Math.floor(first / PAGE_SIZE) + 1;
    const to = Math.floor(Math.max(first, last) / PAGE_SIZE) + 1;
    setInView((v) => (v.from === from && v.to === to ? v : { from, to }));
  }, []);
  const first = useQuery({ queryKey: firstKey, queryFn: () => fetchStudents(params, 1), placeholderData: keepPreviousData });
  const lastPage = Math.ceil((first.data?.total ?? 0) / PAGE_SIZE);
  const pages: number[] = [];
  for (let p = Math.max(2, inView.from); p <= Math.min(inView.to, lastPage); p++) pages.push(p);
  const more = useQueries({ queries: pages.map((p) => ({ queryKey: ["students", keyParams, p], queryFn: () => fetchStudents(params, p), staleTime: 30_000 })) });
  const byPage = new Map<number, StudentAnswer | undefined>([[1, first.data], ...pages.map((p, i) => [p, more[i]?.data] as const)]);
  const rowAt = (index: number) => byPage.get(Math.floor(index / PAGE_SIZE) + 1)?.rows[index % PAGE_SIZE];
  return { first, firstKey, rowAt, onRangeChange, pageError: more.find((m) => m.isError)?.error };
}
