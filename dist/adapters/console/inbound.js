export function consoleInbound(line, user, now) {
    return {
        platform: "console",
        kind: "text",
        text: line,
        user: { id: user.id, name: user.id, claims: { role: user.role, delegation: user.delegation } },
        conversation: { kind: "direct", id: `dm:${user.id}` },
        receivedAt: now,
    };
}
