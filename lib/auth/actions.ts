"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "./config";
import { schoolsOf } from "./permissions";
import { SCHOOL_COOKIE } from "./school";
import { getStaff } from "./session";

const samePath = (value: FormDataEntryValue | null) => {
  const path = String(value ?? "/");
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
};

/** Starts the sign-in at the school's IdP; only same-site paths are accepted as the place to return to. */
export async function signInAction(formData: FormData) {
  await signIn("staff", { redirectTo: samePath(formData.get("redirectTo")) });
}

/** The school switcher: only a school of the signed-in person's own can be chosen. */
export async function chooseSchoolAction(formData: FormData) {
  const staff = await getStaff();
  if (!staff) redirect("/inloggen");
  const wanted = String(formData.get("school") ?? "");
  if (schoolsOf(staff).includes(wanted)) {
    (await cookies()).set(SCHOOL_COOKIE, wanted, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: process.env.AUTH_URL?.startsWith("https://") ?? false,
    });
  }
  redirect(samePath(formData.get("back")));
}
