/** A zod issue path as the reports write it: keys joined with ".", array positions as "[]"; never a value. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += "[]";
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(record)";
}
