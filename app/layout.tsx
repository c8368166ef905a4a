import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Header } from "./_components/header";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Leermiddelendashboard",
  description: "Overzicht van leerlingen, inschrijvingen, licentiegebruik en toestemmingen voor scholen in Edu-V.",
};

/** Words only the server uses (error answers, the diagnosis, the contract report): not sent to the browser. */
const SERVER_ONLY = new Set(["apiError", "sourceError", "consentRequest", "diagnosis", "contractReport"]);

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("shell");
  const messages = Object.fromEntries(Object.entries(await getMessages()).filter(([namespace]) => !SERVER_ONLY.has(namespace)));
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <NextIntlClientProvider messages={messages}>
          <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
            {t("skip")}
          </a>
          <Header />
          <main id="content" className="mx-auto max-w-6xl px-6 py-8">
            <Providers>{children}</Providers>
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
