import { todayIn } from "../../src/time/civil-date.js";
import { feedCalendar } from "../../src/planning/calendar-feeds.js";
/** Adds the feed route to the shared server. */
export function mountCalendarRoute(server, rt) {
    server.route("GET", "/calendar/", async (req, res) => {
        const path = (req.url ?? "").split("?")[0];
        const m = /^\/calendar\/([^/]+)\.ics$/.exec(path);
        const ics = m ? await feedCalendar(rt.store.db, m[1], (tz) => todayIn(new Date(), tz)) : null;
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
