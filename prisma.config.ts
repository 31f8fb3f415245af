import { defineConfig } from "prisma/config";

// Offline: never fetch the native schema engine. `prisma generate` does not run it; migrations go
// through the wasm engine in src/store/migrate.ts instead (see docs/database.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({ schema: "prisma/sqlite/schema.prisma", migrations: { path: "prisma/sqlite/migrations" } });
