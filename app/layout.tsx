import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Header } from "./_components/header";
import { BfcacheReload } from "@/components/shell/bfcache-reload";
import "./globals.css";

/** The default title (each page gives its own, components/shell/page-title.ts), the description, and the web app manifest (public/). */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: "Leermiddelendashboard", description: t("description"), manifest: "/manifest.webmanifest" };
}

/** Words only the server uses (error answers, the diagnosis, the contract report): not sent to the browser. */
const SERVER_ONLY = new Set(["apiError", "sourceError", "consentRequest", "diagnosis", "contractReport", "avgRecord"]);

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("shell");
  const messages = Object.fromEntries(Object.entries(await getMessages()).filter(([namespace]) => !SERVER_ONLY.has(namespace)));
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <NextIntlClientProvider messages={messages}>
          <a
            href="#content"
            className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
          >
            {t("skip")}
          </a>
          <BfcacheReload />
          <Header />
          {/* The sidebar is fixed on wide screens: the content keeps its width free. In print only the content shows (the header hides itself). */}
          <div className="lg:pl-64 print:pl-0">
            <main id="content" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:py-8 print:max-w-none print:p-0">
              {children}
            </main>
          </div>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
