import { render, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";
import nl from "@/lib/i18n/messages/nl.json";

/** Renders `ui` as the dashboard does, in Dutch (the default) with the real messages and the school's time zone. */
export function renderNl(ui: ReactElement, options?: Omit<RenderOptions, "wrapper">) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NextIntlClientProvider locale="nl" messages={nl} timeZone="Europe/Amsterdam">
      {children}
    </NextIntlClientProvider>
  );
  return render(ui, { wrapper, ...options });
}
