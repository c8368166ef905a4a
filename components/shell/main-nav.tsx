"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type MainNavLink = { href: string; label: string };

/**
 * The main navigation, one link per line (a sidebar on wide screens, the menu's panel on narrow
 * ones), so it never wraps whatever the labels' length; the current section is marked for
 * assistive technology (aria-current) and visibly.
 */
export function MainNav({ label, links }: { label: string; links: readonly MainNavLink[] }) {
  const pathname = usePathname();
  const current = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <ul className="-mx-3 space-y-1 text-sm">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current(link.href) ? "page" : undefined}
              className={`block whitespace-nowrap rounded px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 ${current(link.href) ? "bg-blue-50 font-semibold text-blue-900" : "text-blue-800 hover:bg-slate-100 hover:underline"}`}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
