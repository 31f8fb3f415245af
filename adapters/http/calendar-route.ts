/**
 * GET /calendar/<token>.ics: the calendar feeds, always mounted (no credentials needed; the token
 * is the secret). The thin HTTP part only; the iCalendar text is built in src/planning.
 */
import type { Clock } from "../../src/core/clock.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { todayIn } from "../../src/time/civil-date.ts";
import { feedCalendar } from "../../src/planning/calendar/calendar-feeds.ts";
import type { HttpServer } from "./server.ts";

/** Adds the feed route to the shared server. `clock` says which day it is for the done/overdue marks. */
export function mountCalendarRoute(server: HttpServer, rt: Runtime, clock: Clock = () => new Date()): void {
  server.route("GET", "/calendar/", async (req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    const m = /^\/calendar\/([^/]+)\.ics$/.exec(path);
    const ics = m ? await feedCalendar(rt.store.repos, m[1]!, (tz) => todayIn(clock(), tz)) : null;
    if (!ics) {
      // Same answer for a malformed and an unknown token: nothing to learn by guessing.
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("no such calendar feed\n");
      return;
    }
    res
      .writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300", "content-disposition": 'inline; filename="deadlines.ics"' })
      .end(ics);
  });
}
