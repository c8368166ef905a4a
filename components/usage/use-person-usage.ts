"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchDiagnosis, fetchUsage, usageKeys, type Who } from "./queries";

/**
 * The usage of the person chosen (`who`, in the page's memory only), asking the registries again,
 * and the diagnosis of one product. Its component is mounted anew for each choice, so a choice
 * forgets the diagnosis of the one before.
 */
export function usePersonUsage(who: Who) {
  const [diagnosed, setDiagnosed] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const usage = useQuery({ queryKey: usageKeys.lookup(who), queryFn: () => fetchUsage(who), retry: false, gcTime: 0 });
  const refresh = useMutation({
    mutationFn: () => fetchUsage(who, true),
    onSuccess: (fresh) => queryClient.setQueryData(usageKeys.lookup(who), fresh),
  });
  const diagnosis = useMutation({ mutationFn: (productId: string) => fetchDiagnosis(who, productId) });
  const diagnose = (productId: string) => {
    setDiagnosed(productId);
    diagnosis.mutate(productId);
  };
  return { usage, refresh: () => refresh.mutate(), refreshing: refresh, diagnosed, diagnose, diagnosis };
}
