/**
 * Collections and their progress reports as stored: starting one with the actions it asks about,
 * closing it once, and saving a report version guarded on the version the writer read. The rules
 * (who may report, when a report is late, what a conflict says) are src/collection's.
 */
import type { Collection, ProgressReport } from "../generated/sqlite/client.ts";
import type { DbTx } from "./store.ts";

/** What a new collection is written with. */
export interface NewCollection {
  workingPartyId: number;
  planId: number;
  dueDate: string;
  startedBy: string;
  startedAt: Date;
}

/** The columns of a report that each version rewrites. */
export interface ReportFields {
  status: string;
  summary: string;
  nextSteps: string | null;
  risks: string | null;
  late: boolean;
  submittedAt: Date;
}

export class CollectionRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  byId(id: number): Promise<Collection | null> {
    return this.db.collection.findUnique({ where: { id } });
  }

  /** A working party's open collections (of plan `plan` when given), the latest first, each with its plan's number. */
  openIn(workingPartyId: number, plan?: number) {
    return this.db.collection.findMany({ where: { workingPartyId, status: "open", ...planNumbered(plan) }, orderBy: { id: "desc" }, include: { plan: { select: { number: true } } } });
  }

  /** The collection a working party started last (for plan `plan` when given), open or closed, or null. */
  latestIn(workingPartyId: number, plan?: number): Promise<Collection | null> {
    return this.db.collection.findFirst({ where: { workingPartyId, ...planNumbered(plan) }, orderBy: { id: "desc" } });
  }

  /** A working party's open collections by due day, each with its asks for `actionIds` (with the action's code and title). */
  openAsking(workingPartyId: number, actionIds: readonly number[]) {
    return this.db.collection.findMany({
      where: { workingPartyId, status: "open" },
      include: { items: { where: { actionId: { in: [...actionIds] } }, include: { action: { select: { code: true, title: true } } } } },
      orderBy: { dueDate: "asc" },
    });
  }

  /** Every open collection, with its working party (the chase planner's round). */
  allOpen() {
    return this.db.collection.findMany({ where: { status: "open" }, include: { workingParty: true } });
  }

  /** A working party's collections, the latest first, with their plan and how many actions and reports each has. */
  listIn(workingPartyId: number) {
    return this.db.collection.findMany({ where: { workingPartyId }, include: { plan: true, _count: { select: { items: true, reports: true } } }, orderBy: { id: "desc" } });
  }

  /** One collection with its plan, working party, asked actions (with their objectives) and current reports, or null. */
  loaded(id: number) {
    return this.db.collection.findUnique({
      where: { id },
      include: { plan: true, workingParty: true, items: { include: { action: { include: { objectives: true } } } }, reports: true },
    });
  }

  /** The asks for action `code` in a working party's collections (or in collection `collectionId`), the latest collection first. */
  asksFor(workingPartyId: number, code: string, collectionId?: number) {
    return this.db.collectionItem.findMany({
      where: {
        action: { code: { equals: code } },
        collection: { workingPartyId, ...(collectionId !== undefined ? { id: collectionId } : {}) },
      },
      include: { action: true, collection: { include: { plan: true } } },
      orderBy: { collectionId: "desc" },
    });
  }

  /** The stored versions that are the reports' current ones, each with the member who saved it. */
  currentVersions(reports: readonly Pick<ProgressReport, "id" | "version">[]) {
    if (reports.length === 0) return Promise.resolve([]);
    return this.db.reportVersion.findMany({ where: { OR: reports.map((r) => ({ reportId: r.id, version: r.version })) }, include: { member: true } });
  }

  /** The open collection of a plan, or null. */
  openForPlan(planId: number): Promise<Collection | null> {
    return this.db.collection.findFirst({ where: { planId, status: "open" } });
  }

  /** Records an open collection and the actions it asks about. */
  async start(row: NewCollection, actionIds: readonly number[]): Promise<Collection> {
    const collection = await this.db.collection.create({ data: { ...row, status: "open" } });
    await this.db.collectionItem.createMany({ data: actionIds.map((actionId) => ({ collectionId: collection.id, actionId })) });
    return collection;
  }

  /** Closes a collection that is still open; false when it was closed meanwhile. */
  async close(id: number, at: Date): Promise<boolean> {
    const { count } = await this.db.collection.updateMany({ where: { id, status: "open" }, data: { status: "closed", closedAt: at } });
    return count === 1;
  }

  /** The report on an action in a collection with its latest version, or null. */
  report(collectionId: number, actionId: number) {
    return this.db.progressReport.findUnique({ where: { collectionId_actionId: { collectionId, actionId } }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  }

  /** The latest report on an action in any collection but `collectionId`, or null. */
  latestReportElsewhere(actionId: number, collectionId: number): Promise<ProgressReport | null> {
    return this.db.progressReport.findFirst({ where: { actionId, collectionId: { not: collectionId } }, orderBy: { submittedAt: "desc" } });
  }

  /** A first report (version 1). Two at once: the unique (collection, action) pair refuses the second (P2002). */
  createReport(collectionId: number, actionId: number, fields: ReportFields): Promise<ProgressReport> {
    return this.db.progressReport.create({ data: { collectionId, actionId, version: 1, ...fields } });
  }

  /** Rewrites a report as version `version + 1` if it is still at `version`; false when someone saved meanwhile. */
  async updateReport(id: number, version: number, fields: ReportFields): Promise<boolean> {
    const { count } = await this.db.progressReport.updateMany({ where: { id, version }, data: { ...fields, version: version + 1 } });
    return count === 1;
  }

  /** Keeps a report as just saved in its history, with who saved it. */
  async addVersion(r: Pick<ProgressReport, "id" | "version" | "status" | "summary" | "nextSteps" | "risks" | "late">, by: { memberId: number | null; submittedBy: string; at: Date }): Promise<void> {
    await this.db.reportVersion.create({
      data: { reportId: r.id, version: r.version, status: r.status, summary: r.summary, nextSteps: r.nextSteps, risks: r.risks, late: r.late, memberId: by.memberId, submittedBy: by.submittedBy, createdAt: by.at },
    });
  }
}

const planNumbered = (plan?: number) => (plan !== undefined ? { plan: { number: plan } } : {});
