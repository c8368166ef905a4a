import type { Action } from "@/lib/auth/permissions";

export type NavItem = {
  href: string;
  key: "students" | "enrollments" | "employees" | "usage" | "consent" | "dataQuality" | "sources" | "accesslog";
  action: Action;
};

/** The navigation, in order; each item shows only to staff allowed its action at the current school. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/leerlingen", key: "students", action: "students.read" },
  { href: "/inschrijvingen", key: "enrollments", action: "enrollments.read" },
  { href: "/medewerkers", key: "employees", action: "assignments.read" },
  { href: "/licentiegebruik", key: "usage", action: "usage.read" },
  { href: "/toestemming", key: "consent", action: "consent.read" },
  { href: "/datakwaliteit", key: "dataQuality", action: "dataquality.read" },
  { href: "/bronnen", key: "sources", action: "sources.read" },
  { href: "/toegangslog", key: "accesslog", action: "accesslog.read" },
];
