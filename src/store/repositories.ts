/**
 * Every repository, one per aggregate, each a class over a client (the store's own, or a unit of
 * work's transaction). Adding one: write `src/store/<aggregate>.ts` with a class that takes a
 * `DbTx` and holds every query and rule about that aggregate, then list it here.
 */
import { ActionPlanRepository } from "./action-plans.ts";
import { AuditRepository } from "./audit.ts";
import { CalendarFeedRepository } from "./calendar-feeds.ts";
import { ChannelRepository } from "./channels.ts";
import { CollectionRepository } from "./collections.ts";
import { ConsoleAccessRepository } from "./console-access.ts";
import { DocumentRepository } from "./documents.ts";
import { MemberRepository } from "./members.ts";
import { PreferenceRepository } from "./preferences.ts";
import { ReminderRuleRepository } from "./reminder-rules.ts";
import { Deliveries } from "./deliveries.ts";
import { SettingRepository } from "./settings.ts";
import type { DbTx } from "./store.ts";
import { WorkingPartyRepository } from "./working-parties.ts";

export interface Repositories {
  workingParties: WorkingPartyRepository;
  members: MemberRepository;
  channels: ChannelRepository;
  audit: AuditRepository;
  preferences: PreferenceRepository;
  actionPlans: ActionPlanRepository;
  reminderRules: ReminderRuleRepository;
  deliveries: Deliveries;
  settings: SettingRepository;
  collections: CollectionRepository;
  calendarFeeds: CalendarFeedRepository;
  consoleAccess: ConsoleAccessRepository;
  documents: DocumentRepository;
}

/** The repositories over one client. Cheap: a unit of work makes its own set. */
export function repositoriesOn(db: DbTx): Repositories {
  return {
    workingParties: new WorkingPartyRepository(db),
    members: new MemberRepository(db),
    channels: new ChannelRepository(db),
    audit: new AuditRepository(db),
    preferences: new PreferenceRepository(db),
    actionPlans: new ActionPlanRepository(db),
    reminderRules: new ReminderRuleRepository(db),
    deliveries: new Deliveries(db),
    settings: new SettingRepository(db),
    collections: new CollectionRepository(db),
    calendarFeeds: new CalendarFeedRepository(db),
    consoleAccess: new ConsoleAccessRepository(db),
    documents: new DocumentRepository(db),
  };
}
