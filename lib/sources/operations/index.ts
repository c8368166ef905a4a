import { listEmployeeAssignments } from "./assignments";
import { getConsentStatuses, putConsentRequest } from "./consent";
import { listEnrollments } from "./enrollments";
import { listStudents } from "./students";
import { getUserUsage } from "./usage";

/** Every operation the dashboard calls at a Source, by operationId of spec/openapi.yaml. */
export const OPERATIONS = {
  [listStudents.operationId]: listStudents,
  [listEnrollments.operationId]: listEnrollments,
  [listEmployeeAssignments.operationId]: listEmployeeAssignments,
  [getUserUsage.operationId]: getUserUsage,
  [putConsentRequest.operationId]: putConsentRequest,
  [getConsentStatuses.operationId]: getConsentStatuses,
} as const;

export { listStudents, listEnrollments, listEmployeeAssignments, getUserUsage, putConsentRequest, getConsentStatuses };
