-- CreateTable
CREATE TABLE "WorkingParty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Brussels',
    "planMonths" INTEGER NOT NULL DEFAULT 18,
    "adoptLeadMonths" INTEGER NOT NULL DEFAULT 2,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "catchUpHours" INTEGER NOT NULL DEFAULT 24,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChannelBinding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'reminders',
    "conversationRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChannelBinding_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "delegation" TEXT,
    "role" TEXT NOT NULL DEFAULT 'delegate',
    "timeZone" TEXT,
    "directRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StrategyDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reference" TEXT,
    "dateText" TEXT,
    "year" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'strategy',
    "sourceName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Passage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" INTEGER NOT NULL,
    "ord" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "headings" TEXT NOT NULL DEFAULT '[]',
    "text" TEXT NOT NULL,
    CONSTRAINT "Passage_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "StrategyDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "adoptNextBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "strategyId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ActionPlan_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionPlan_strategyId_fkey" FOREIGN KEY ("strategyId") REFERENCES "StrategyDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Action" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "ord" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "section" TEXT,
    "goals" TEXT,
    "outcome" TEXT,
    "leadDelegation" TEXT,
    "leadUser" TEXT,
    "leadMemberId" INTEGER,
    "participants" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Action_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Action_leadMemberId_fkey" FOREIGN KEY ("leadMemberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionObjective" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actionId" INTEGER NOT NULL,
    "documentSlug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    CONSTRAINT "ActionObjective_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "actionId" INTEGER,
    "ord" INTEGER NOT NULL DEFAULT 0,
    "text" TEXT NOT NULL,
    "what" TEXT,
    "precision" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    CONSTRAINT "Deadline_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deadline_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL DEFAULT 0,
    "repeatDays" INTEGER,
    "deliveryTime" TEXT NOT NULL DEFAULT '09:00',
    "workingDaysOnly" BOOLEAN NOT NULL DEFAULT true,
    "channelIds" TEXT NOT NULL DEFAULT '[]',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReminderRule_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER NOT NULL,
    "planId" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Collection_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Collection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollectionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collectionId" INTEGER NOT NULL,
    "actionId" INTEGER NOT NULL,
    CONSTRAINT "CollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CollectionItem_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "collectionId" INTEGER NOT NULL,
    "actionId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "nextSteps" TEXT,
    "risks" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressReport_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "nextSteps" TEXT,
    "risks" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "memberId" INTEGER,
    "submittedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportVersion_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportVersion_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "workingPartyId" INTEGER,
    "kind" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "targetRef" TEXT,
    "payload" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "leasedBy" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" DATETIME,
    "platformRef" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workingPartyId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL,
    "workingPartyId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarFeed_workingPartyId_fkey" FOREIGN KEY ("workingPartyId") REFERENCES "WorkingParty" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkingParty_code_key" ON "WorkingParty"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelBinding_workingPartyId_platform_channelId_purpose_key" ON "ChannelBinding"("workingPartyId", "platform", "channelId", "purpose");

-- CreateIndex
CREATE INDEX "Member_workingPartyId_delegation_idx" ON "Member"("workingPartyId", "delegation");

-- CreateIndex
CREATE UNIQUE INDEX "Member_workingPartyId_platform_platformUserId_key" ON "Member"("workingPartyId", "platform", "platformUserId");

-- CreateIndex
CREATE UNIQUE INDEX "StrategyDocument_slug_key" ON "StrategyDocument"("slug");

-- CreateIndex
CREATE INDEX "Passage_documentId_label_idx" ON "Passage"("documentId", "label");

-- CreateIndex
CREATE UNIQUE INDEX "Passage_documentId_ord_key" ON "Passage"("documentId", "ord");

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_workingPartyId_number_key" ON "ActionPlan"("workingPartyId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Action_planId_code_key" ON "Action"("planId", "code");

-- CreateIndex
CREATE INDEX "ActionObjective_documentSlug_label_idx" ON "ActionObjective"("documentSlug", "label");

-- CreateIndex
CREATE UNIQUE INDEX "ActionObjective_actionId_documentSlug_label_key" ON "ActionObjective"("actionId", "documentSlug", "label");

-- CreateIndex
CREATE INDEX "Deadline_dueDate_idx" ON "Deadline"("dueDate");

-- CreateIndex
CREATE INDEX "Deadline_planId_dueDate_idx" ON "Deadline"("planId", "dueDate");

-- CreateIndex
CREATE INDEX "Collection_workingPartyId_status_idx" ON "Collection"("workingPartyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CollectionItem_collectionId_actionId_key" ON "CollectionItem"("collectionId", "actionId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_collectionId_actionId_key" ON "ProgressReport"("collectionId", "actionId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_reportId_version_key" ON "ReportVersion"("reportId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_workingPartyId_dueAt_idx" ON "Delivery"("workingPartyId", "dueAt");

-- CreateIndex
CREATE INDEX "AuditEntry_workingPartyId_createdAt_idx" ON "AuditEntry"("workingPartyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_token_key" ON "CalendarFeed"("token");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_workingPartyId_scope_scopeValue_key" ON "CalendarFeed"("workingPartyId", "scope", "scopeValue");
