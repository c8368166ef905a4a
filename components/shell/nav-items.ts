import type { Action } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; action: Action };

/** The navigation, in order; each item shows only to staff allowed its action at the current school. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/leerlingen", label: "Leerlingen", action: "students.read" },
  { href: "/inschrijvingen", label: "Inschrijvingen", action: "enrollments.read" },
  { href: "/medewerkers", label: "Medewerkers", action: "assignments.read" },
  { href: "/licentiegebruik", label: "Licentiegebruik", action: "usage.read" },
  { href: "/toestemming", label: "Toestemming", action: "consent.read" },
  { href: "/bronnen", label: "Bronnen", action: "sources.read" },
  { href: "/toegangslog", label: "Toegangslog", action: "accesslog.read" },
];
