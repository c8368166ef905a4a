/**
 * Demo staff accounts of the sandbox's OpenID Connect provider. Roles travel in the `eduv_roles`
 * claim as "role:schoolId" (school ids of config/sources.demo.json); the dashboard reads that claim.
 * The school's IdP has verified its staff's addresses; one account's address was never confirmed.
 */
export type DemoAccount = {
  id: string;
  password: string;
  name: string;
  email: string;
  /** Whether the IdP has checked that the address is the person's (sent as `email_verified`). */
  emailVerified: boolean;
  roles: string[];
  description: string;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: "beheer-po",
    password: "demo",
    name: "Petra de Boer",
    email: "p.deboer@obsderegenboog.example",
    emailVerified: true,
    roles: ["schooladmin:obs-de-regenboog"],
    description: "Schoolbeheerder van OBS De Regenboog (PO)",
  },
  {
    id: "beheer-vo",
    password: "demo",
    name: "Karim Yilmaz",
    email: "k.yilmaz@meridiaancollege.example",
    emailVerified: true,
    roles: ["schooladmin:meridiaan-college"],
    description: "Schoolbeheerder van Meridiaan College (VO)",
  },
  {
    id: "support",
    password: "demo",
    name: "Sanne Visser",
    email: "support@leermiddelen.example",
    emailVerified: true,
    roles: ["support:obs-de-regenboog", "support:cbs-de-wegwijzer", "support:meridiaan-college", "support:sg-de-horizon"],
    description: "Supportdesk voor vier scholen",
  },
  {
    id: "toestemming",
    password: "demo",
    name: "Ruud van Dijk",
    email: "r.vandijk@sgdehorizon.example",
    emailVerified: true,
    roles: ["consent:sg-de-horizon", "consent:cbs-de-wegwijzer"],
    description: "Toestemmingsbeheerder",
  },
  {
    id: "auditor",
    password: "demo",
    name: "Fatima Ali",
    email: "f.ali@bestuur.example",
    emailVerified: true,
    roles: ["auditor:obs-de-regenboog", "auditor:meridiaan-college"],
    description: "Privacy-auditor (toegangslog)",
  },
  {
    id: "geen-rol",
    password: "demo",
    name: "Tom Bakker",
    email: "t.bakker@obsderegenboog.example",
    emailVerified: false,
    roles: [],
    description: "Medewerker zonder rol",
  },
];

export function findAccount(id: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.id === id);
}
