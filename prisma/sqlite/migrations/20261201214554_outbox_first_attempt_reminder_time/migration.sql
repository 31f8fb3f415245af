-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "firstAttemptAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkingParty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Brussels',
    "planMonths" INTEGER NOT NULL DEFAULT 18,
    "adoptLeadMonths" INTEGER NOT NULL DEFAULT 2,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "catchUpHours" INTEGER NOT NULL DEFAULT 24,
    "reminderTime" TEXT NOT NULL DEFAULT '09:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_WorkingParty" ("adoptLeadMonths", "catchUpHours", "code", "createdAt", "holidays", "id", "name", "planMonths", "timeZone", "updatedAt") SELECT "adoptLeadMonths", "catchUpHours", "code", "createdAt", "holidays", "id", "name", "planMonths", "timeZone", "updatedAt" FROM "WorkingParty";
DROP TABLE "WorkingParty";
ALTER TABLE "new_WorkingParty" RENAME TO "WorkingParty";
CREATE UNIQUE INDEX "WorkingParty_code_key" ON "WorkingParty"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
