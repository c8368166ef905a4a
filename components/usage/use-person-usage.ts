"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchDiagnosis, fetchUsage, usageKeys, type Who } from "./queries";

/**
 * The person looked up (in this component's memory only), their usage, asking the registries again,
 * and the diagnosis of one product. Choosing another person forgets the diagnosis.
 */
export function usePersonUsage(initialStudentKey?: string) {
  const [who, setWho] = useState<Who | null>(initialStudentKey ? { studentKey: initialStudentKey } : null);
  const [diagnosed, setDiagnosed] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const usage = useQuery({ queryKey: usageKeys.lookup(who), queryFn: who ? () => fetchUsage(who) : skipToken, retry: false, gcTime: 0 });
  const refresh = useMutation({
    mutationFn: (w: Who) => fetchUsage(w, true),
    onSuccess: (fresh, w) => queryClient.setQueryData(usageKeys.lookup(w), fresh),
  });
  const diagnosis = useMutation({ mutationFn: ({ w, productId }: { w: Who; productId: string }) => fetchDiagnosis(w, productId) });
  const choose = (next: Who) => {
    setWho(next);
    setDiagnosed(null);
    diagnosis.reset();
  };
  const diagnose = (productId: string) => {
    if (!who) return;
    setDiagnosed(productId);
    diagnosis.mutate({ w: who, productId });
  };
  return { who, choose, usage, refresh: () => who && refresh.mutate(who), refreshing: refresh, diagnosed, diagnose, diagnosis };
}
