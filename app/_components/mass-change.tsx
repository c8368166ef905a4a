import { MassChangeNotice, type MassChangeView } from "@/components/data-quality/mass-change-notice";
import type { MassChangeListName } from "@/lib/contracts/mass-change";
import { readMassChange } from "@/lib/features/mass-change/review";
import { log } from "@/lib/log";

/**
 * The school's LAS lists as the mass-change guard knows them, for a page (counts and times: it names
 * no pupil, so no access-log row); null when the store could not be read, and the page renders without it.
 */
export async function readMassChangeForPage(schoolId: string): Promise<MassChangeView | null> {
  try {
    return await readMassChange(schoolId);
  } catch (err) {
    log().error({ err, schoolId }, "mass-change state not read");
    return null;
  }
}

/**
 * A list page's compact notice of a mass change waiting for review in `lists`, with a link to
 * Datakwaliteit; nothing when none waits. Render it inside the part that reads the list, so it is read
 * after the list (whose read judged the LAS's answer).
 */
export async function MassChangeOnList({ schoolId, lists }: { schoolId: string; lists: readonly MassChangeListName[] }) {
  return <MassChangeNotice state={await readMassChangeForPage(schoolId)} lists={lists} compact />;
}
