import { useTranslations } from "next-intl";
import type { ASSIGNMENT_TYPE_NAMES, EmployeeIdTypeName } from "@/lib/contracts/employees";

/**
 * The kinds the Medewerkers page names: the identifiers an employee is found by and Edu-V's
 * assignment types, with the words of a type. Apart from the fetchers (queries.ts), so the pickers
 * and filters of the page's first load do without them; queries.test.ts holds these to the contract.
 */
export type AssignmentTypeName = (typeof ASSIGNMENT_TYPE_NAMES)[number];

/** The identifier kinds an employee is found by, in the contract's order (each one named: the compiler checks none is missing). */
export const EMPLOYEE_ID_TYPES = Object.keys({ NEPRI: 1, ASI: 1, BPI: 1, eduID: 1, NEPPI: 1 } satisfies Record<
  EmployeeIdTypeName,
  1
>) as EmployeeIdTypeName[];

/** Edu-V's assignment types, in the contract's order. */
export const ASSIGNMENT_TYPES = Object.keys({ "class-teacher": 1, teacher: 1, coach: 1 } satisfies Record<
  AssignmentTypeName,
  1
>) as AssignmentTypeName[];

/** An assignment type in words; a type Edu-V does not name is shown as sent. */
export function useTypeLabel() {
  const t = useTranslations("employees");
  return (type: string) => ((ASSIGNMENT_TYPES as readonly string[]).includes(type) ? t(`type.${type}` as "type.teacher") : type);
}
