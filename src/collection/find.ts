/**
 * Which collection a command means: the one for plan N when given, otherwise the working party's
 * open one (or, when none is open, the one started last, so status and compile work after close).
 */
import type { Collection, Repositories } from "../store/index.ts";
import { InputError, NotFoundError } from "../core/errors.ts";

/** Finds the collection a command refers to, or says how to name it. */
export async function findCollection(repos: Pick<Repositories, "collections">, workingPartyId: number, wpCode: string, plan?: number): Promise<Collection> {
  const open = await repos.collections.openIn(workingPartyId, plan);
  if (open.length === 1) return open[0]!;
  if (open.length > 1) {
    const first = open[0]!.plan.number;
    throw new InputError([
      `${wpCode} has ${open.length} open collections (plans ${open.map((c) => c.plan.number).join(", ")}). Name the plan, e.g. `,
      { command: "collect.status", args: { plan: first }, text: `collect status plan ${first}` },
      ".",
    ]);
  }
  const last = await repos.collections.latestIn(workingPartyId, plan);
  if (last) return last;
  const n = plan ?? "N";
  throw new NotFoundError([
    plan !== undefined ? `No progress reports have been collected for plan ${plan} in ${wpCode}.` : `No progress-report collection has been started in ${wpCode}.`,
    " A chair starts one with: ",
    { command: "collect.start", args: { plan: n, due: "YYYY-MM-DD" }, text: `collect start plan ${n} due YYYY-MM-DD` },
  ]);
}
