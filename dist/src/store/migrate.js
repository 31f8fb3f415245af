/**
 * Applies the checked-in Prisma migrations offline, with Prisma's own schema engine compiled to
 * WebAssembly (the native engine is a download this machine cannot make). The engine keeps the
 * standard `_prisma_migrations` table, so `prisma migrate deploy` stays compatible where the
 * native binary is available. See docs/database.md and ../shared/recipes/prisma-offline.md.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory, } from "@prisma/driver-adapter-utils";
import { projectRoot } from "../config/paths.js";
const root = projectRoot;
const folderOf = (kind) => path.join(root, "prisma", kind === "sqlite" ? "sqlite" : "postgres");
export const schemaFile = (kind) => path.join(folderOf(kind), "schema.prisma");
export const migrationsDir = (kind) => path.join(folderOf(kind), "migrations");
/** Names of the migration folders shipped for a provider, oldest first. */
export function shippedMigrations(kind) {
    const dir = migrationsDir(kind);
    if (!fs.existsSync(dir))
        return [];
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
}
let engineModule;
/** Node 20 cannot import .wasm: instantiate it by hand, as @prisma/internals does (loaded once). */
function loadEngineModule() {
    engineModule ??= (async () => {
        const rt = await import("@prisma/schema-engine-wasm/schema_engine_bg");
        const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
        const bytes = fs.readFileSync(glue.replace(/\.js$/, ".wasm"));
        const wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": rt });
        rt.__wbg_set_wasm(wasm.exports);
        wasm.exports.__wbindgen_start();
        return rt;
    })();
    return engineModule;
}
async function adapterFactory(target) {
    if (target.kind === "sqlite") {
        const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
        const f = new PrismaBetterSqlite3({ url: target.url, timeout: 15_000 });
        return {
            provider: f.provider,
            adapterName: f.adapterName,
            connect: () => f.connect(),
            async connectToShadowDb() {
                // :memory:; the engine replays whole migration files through executeRaw, which
                // better-sqlite3 refuses for more than one statement: fall back to executeScript.
                const db = await f.connectToShadowDb();
                const raw = db.executeRaw.bind(db);
                db.executeRaw = (q) => raw(q).catch(async (e) => {
                    if (q.args.length || !/more than one statement/.test(e.message))
                        throw e;
                    await db.executeScript(q.sql);
                    return 0;
                });
                return db;
            },
        };
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // PrismaPg 7.10 maps no pg_catalog "char" (OID 18), which the engine's introspection reads.
    const charAsText = (db) => {
        const io = db.performIO.bind(db);
        db.performIO = async (...a) => {
            const r = await io(...a);
            for (const f of r.fields)
                if (f.dataTypeID === 18)
                    f.dataTypeID = 25;
            return r;
        };
        return db;
    };
    const main = new PrismaPg({ connectionString: target.url });
    return {
        provider: main.provider,
        adapterName: main.adapterName,
        connect: async () => charAsText(await main.connect()),
        async connectToShadowDb() {
            // A temporary database, dropped after use (PrismaPg's own would hand back the main one).
            const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
            const admin = await main.connect();
            await admin.executeScript(`CREATE DATABASE "${name}"`);
            const u = new URL(target.url);
            u.pathname = `/${name}`;
            const db = charAsText(await new PrismaPg({ connectionString: u.toString() }).connect());
            const end = db.dispose.bind(db);
            db.dispose = async () => {
                await end();
                await admin.executeScript(`DROP DATABASE "${name}"`);
                await admin.dispose();
            };
            return db;
        },
    };
}
function migrationsList(kind) {
    const dir = migrationsDir(kind);
    const lock = path.join(dir, "migration_lock.toml");
    return {
        baseDir: dir,
        shadowDbInitScript: "",
        lockfile: { path: "migration_lock.toml", content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null },
        migrationDirectories: shippedMigrations(kind).map((d) => ({
            path: d,
            migrationFile: {
                path: "migration.sql",
                content: { tag: "ok", value: fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8") },
            },
        })),
    };
}
const filters = { externalTables: [], externalEnums: [] };
/** Runs `work` with a schema engine connected to the target, and frees it after. */
export async function withSchemaEngine(target, work) {
    const rt = await loadEngineModule();
    // The engine does not close the connections it opens; we do, or SQLite stays locked after it.
    const factory = await adapterFactory(target);
    const opened = [];
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
        const conn = await connect();
        opened.push(conn);
        return conn;
    };
    const adapter = bindMigrationAwareSqlAdapterFactory(factory);
    const schema = fs.readFileSync(schemaFile(target.kind), "utf8");
    const engine = await rt.SchemaEngine.new({ datamodels: [[schemaFile(target.kind), schema]] }, () => undefined, // the engine's own debug log; errors come back as exceptions
    adapter);
    try {
        return await work(engine);
    }
    catch (e) {
        // Driver errors arrive as "External error id#N": surface the original.
        const id = Number(/External error id#(\d+)/.exec(String(e?.message))?.[1] ?? -1);
        const original = adapter.errorRegistry.consumeError(id)?.error;
        if (original)
            throw Object.assign(new Error(`${e.message}: ${JSON.stringify(original)}`), { cause: e });
        throw e;
    }
    finally {
        engine.free();
        await Promise.all(opened.map((c) => c.dispose().catch(() => undefined)));
    }
}
/** Applies pending migrations; returns the names applied. */
export function applyMigrations(target) {
    return withSchemaEngine(target, async (engine) => {
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList(target.kind), filters });
        return appliedMigrationNames;
    });
}
/**
 * Writes a new migration folder for the schema changes not yet covered (dev tool, `npm run
 * db:migration`). Returns its name, or null when the schema has no changes.
 */
export function createMigration(target, name) {
    return withSchemaEngine(target, async (engine) => {
        await engine.applyMigrations({ migrationsList: migrationsList(target.kind), filters });
        const { action } = await engine.devDiagnostic({ migrationsList: migrationsList(target.kind), filters });
        if (action.tag === "reset")
            throw new Error(`database drifted from the migrations: ${action.reason}`);
        const out = await engine.createMigration({
            draft: false,
            migrationName: name,
            migrationsList: migrationsList(target.kind),
            filters,
            schema: { files: [{ path: schemaFile(target.kind), content: fs.readFileSync(schemaFile(target.kind), "utf8") }] },
        });
        if (out.migrationScript === null)
            return null;
        const dir = migrationsDir(target.kind);
        fs.mkdirSync(path.join(dir, out.generatedMigrationName), { recursive: true });
        fs.writeFileSync(path.join(dir, out.generatedMigrationName, `migration.${out.extension}`), out.migrationScript);
        fs.writeFileSync(path.join(dir, "migration_lock.toml"), `provider = "${out.connectorType}"\n`);
        return out.generatedMigrationName;
    });
}
/**
 * The SQL that would still be needed after all shipped migrations to reach the schema; empty when
 * the migration history and the schema are in step. Uses a shadow database.
 */
export function pendingSchemaDrift(target, schemaText = fs.readFileSync(schemaFile(target.kind), "utf8")) {
    return withSchemaEngine(target, async (engine) => {
        const result = await engine.diff({
            from: { tag: "migrations", ...migrationsList(target.kind) },
            to: { tag: "schemaDatamodel", files: [{ path: schemaFile(target.kind), content: schemaText }] },
            script: true,
            exitCode: null,
            shadowDatabaseUrl: null,
            filters,
        });
        return String(result.stdout ?? "")
            .replace("-- This is an empty migration.", "")
            .trim();
    });
}
