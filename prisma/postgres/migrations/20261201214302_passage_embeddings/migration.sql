-- AlterTable
ALTER TABLE "Passage" ADD COLUMN     "embedding" BYTEA;

-- AlterTable
ALTER TABLE "StrategyDocument" ADD COLUMN     "embeddingModel" TEXT;
