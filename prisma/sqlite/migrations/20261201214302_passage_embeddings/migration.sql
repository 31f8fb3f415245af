-- AlterTable
ALTER TABLE "Passage" ADD COLUMN "embedding" BLOB;

-- AlterTable
ALTER TABLE "StrategyDocument" ADD COLUMN "embeddingModel" TEXT;
