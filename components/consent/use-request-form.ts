"use client";

import { useState } from "react";
import { useOverviewRefresh } from "./overview-refresh";
import { createConsentRequest, overviewUrl, type ConsentOverview, type NewConsentRequest } from "./queries";
import { useAction } from "./use-action";
import { usePoll } from "./use-poll";

type Save = { send: boolean; school: string; request: NewConsentRequest };

/**
 * The new consent request's state: the chosen school, Provider, API, scopes and reason, the chosen
 * school's Provider options, and the mutation that saves it (as a concept or to send).
 */
export function useRequestForm(defaultSchool: string, prefill: { providerId?: string; api?: string }) {
  const refresh = useOverviewRefresh();
  const [school, setSchool] = useState(defaultSchool);
  const [providerId, setProviderId] = useState(prefill.providerId ?? "");
  const [api, setApi] = useState(prefill.api ?? "");
  // Per API, so switching back and forth keeps what was ticked.
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [reason, setReason] = useState("");

  // The Provider options come with the chosen school's overview (the BFF checks the role there too), read once per school chosen.
  const overview = usePoll<ConsentOverview>(overviewUrl(school));
  const options = { data: overview.pending ? undefined : overview.data?.providers, pending: overview.pending, error: overview.error };
  const provider = options.data?.find((p) => p.id === providerId) ?? options.data?.[0];
  const offer = provider?.apis.find((a) => a.api === api) ?? provider?.apis[0];
  const scopes = offer ? (picked[offer.api] ?? offer.needed) : [];
  const extras = offer ? offer.extra.filter((s) => scopes.includes(s)) : [];

  const save = useAction((vars: Save) => createConsentRequest(vars.school, vars.request, vars.send), {
    onSuccess: async () => {
      setPicked({});
      setReason("");
      await refresh();
    },
  });
  const submit = (send: boolean) => {
    if (provider && offer)
      save.mutate({
        send,
        school,
        request: { providerId: provider.id, api: offer.api, scopes, reason: extras.length ? reason : undefined },
      });
  };
  const pickScopes = (api: string, next: string[]) => setPicked({ ...picked, [api]: next });

  return { school, setSchool, setProviderId, setApi, options, provider, offer, scopes, pickScopes, reason, setReason, save, submit };
}

export type RequestFormState = ReturnType<typeof useRequestForm>;
