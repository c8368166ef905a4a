import { listEmployeeAssignments } from "./assignments";
import { getConsentStatuses, getConsentStatusesBySchool, putConsentRequest, putConsentRevoke } from "./consent";
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
  [getConsentStatusesBySchool.operationId]: getConsentStatusesBySchool,
  [putConsentRevoke.operationId]: putConsentRevoke,
} as const;

export {
  listStudents,
  listEnrollments,
  listEmployeeAssignments,
  getUserUsage,
  putConsentRequest,
  getConsentStatuses,
  getConsentStatusesBySchool,
  putConsentRevoke,
};
