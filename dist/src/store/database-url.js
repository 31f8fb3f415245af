import path from "node:path";
/** Classifies a DATABASE_URL, or says in one line why it cannot be used. */
export function parseDatabaseUrl(url) {
    if (url.startsWith("file:")) {
        const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
        if (!file)
            return { ok: false, error: `DATABASE_URL "${url}" names no file (try file:./data/secretariat.db)` };
        return { ok: true, target: { kind: "sqlite", url: `file:${file}`, file: path.resolve(file) } };
    }
    if (/^postgres(ql)?:\/\//.test(url)) {
        try {
            new URL(url);
        }
        catch {
            return { ok: false, error: `DATABASE_URL is not a valid PostgreSQL URL` };
        }
        return { ok: true, target: { kind: "postgresql", url } };
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    return {
        ok: false,
        error: `DATABASE_URL scheme "${scheme ?? url}" is not supported: use file:PATH (SQLite) or postgresql://... (PostgreSQL)`,
    };
}
