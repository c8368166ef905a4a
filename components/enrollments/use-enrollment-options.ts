"use client";

import { useQuery } from "@tanstack/react-query";
import { enrollmentKeys, fetchEnrollmentOptions } from "./queries";

/** The filters' options (periods, offerings, years, locations), kept a minute: for a list the browser loads (the pupils'). */
export function useEnrollmentOptions(enabled = true) {
  return useQuery({ queryKey: enrollmentKeys.options(), queryFn: fetchEnrollmentOptions, staleTime: 60_000, enabled, retry: false });
}
