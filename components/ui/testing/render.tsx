import { render, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";

const MESSAGES = { nl, en } as const;

/** Renders `ui` as the dashboard does in `locale`, with the real messages and the school's time zone. */
export function renderIn(locale: "nl" | "en", ui: ReactElement, options?: Omit<RenderOptions, "wrapper">) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="Europe/Amsterdam">
      {children}
    </NextIntlClientProvider>
  );
  return render(ui, { wrapper, ...options });
}

/** Renders `ui` as the dashboard does, in Dutch (the default). */
export function renderNl(ui: ReactElement, options?: Omit<RenderOptions, "wrapper">) {
  return renderIn("nl", ui, options);
}
