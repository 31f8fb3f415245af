-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "firstAttemptAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WorkingParty" ADD COLUMN     "reminderTime" TEXT NOT NULL DEFAULT '09:00';
