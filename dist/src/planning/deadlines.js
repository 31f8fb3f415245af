/** The status rule: done when the action is done (or, for "adopt the next plan", when a later plan exists). */
export function deadlineStatus(due, done, today) {
    if (done)
        return "done";
    return due < today ? "overdue" : "open";
}
/** Lists deadlines matching `filter`, ordered by due day. */
export async function listDeadlines(db, filter, today) {
    const due = {};
    if (filter.from)
        due.gte = filter.from;
    if (filter.until)
        due.lte = filter.until;
    if (filter.overdue && (!filter.until || filter.until >= today))
        due.lt = today;
    const where = {
        ...(Object.keys(due).length ? { dueDate: due } : {}),
        ...(filter.planId ? { planId: filter.planId } : {}),
        ...(filter.workingPartyId || filter.planNumber
            ? { plan: { ...(filter.workingPartyId ? { workingPartyId: filter.workingPartyId } : {}), ...(filter.planNumber ? { number: filter.planNumber } : {}) } }
            : {}),
    };
    if (filter.lead) {
        const or = [];
        if (filter.lead.delegation)
            or.push({ leadDelegation: filter.lead.delegation });
        if (filter.lead.memberId)
            or.push({ leadMemberId: filter.lead.memberId });
        where.action = or.length ? { OR: or } : { id: -1 };
    }
    if (filter.overdue)
        where.AND = [{ OR: [{ actionId: null }, { action: { status: { not: "done" } } }] }];
    const rows = await db.deadline.findMany({
        where,
        include: {
            plan: { select: { id: true, number: true, workingPartyId: true, workingParty: { select: { code: true } } } },
            action: { select: { code: true, title: true, status: true, leadDelegation: true } },
        },
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        ...(filter.limit ? { take: filter.limit } : {}),
    });
    // "Adopt the next plan" is done once a later plan of the same working party exists.
    const planLevel = rows.filter((r) => r.actionId === null);
    const adopted = new Set();
    if (planLevel.length) {
        const wpIds = [...new Set(planLevel.map((r) => r.plan.workingPartyId))];
        const latest = await db.actionPlan.groupBy({ by: ["workingPartyId"], where: { workingPartyId: { in: wpIds } }, _max: { number: true } });
        const max = new Map(latest.map((l) => [l.workingPartyId, l._max.number ?? 0]));
        for (const r of planLevel)
            if ((max.get(r.plan.workingPartyId) ?? 0) > r.plan.number)
                adopted.add(r.id);
    }
    const out = rows.map((r) => ({
        plan: r.plan.number,
        action: r.action?.code ?? null,
        title: r.action ? r.action.title : `Adopt the next action plan (after plan ${r.plan.number})`,
        due: r.dueDate,
        dueText: r.text,
        precision: r.precision,
        status: deadlineStatus(r.dueDate, r.action ? r.action.status === "done" : adopted.has(r.id), today),
        workingParty: r.plan.workingParty.code,
        what: r.what,
        leadDelegation: r.action?.leadDelegation ?? null,
        deadlineId: r.id,
        ord: r.ord,
        planId: r.plan.id,
    }));
    return filter.overdue ? out.filter((r) => r.status === "overdue") : out;
}
/** The CLI's JSON shape: exactly {"plan","action","title","due","dueText","precision","status"}. */
export function deadlineJson(r) {
    return { plan: r.plan, action: r.action, title: r.title, due: r.due, dueText: r.dueText, precision: r.precision, status: r.status };
}
