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
