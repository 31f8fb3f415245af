/** Help is built from the command specs, so it never drifts from what the bot understands. */
import type { AnyCommand } from "../core/command.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import type { Role } from "../core/message.ts";

/** The commands a role may use, grouped; with a topic, only the matching ones with examples. */
export function helpReply(commands: readonly AnyCommand[], role: Role, topic?: string): Reply {
  const visible = commands.filter((c) => !c.roles || c.roles.includes(role));
  const t = topic?.trim().toLowerCase();
  if (t) {
    const hits = visible.filter((c) => `${c.id} ${c.group} ${c.usage} ${c.summary}`.toLowerCase().includes(t));
    if (hits.length === 0) return reply(`No command matches "${topic}".`, [{ type: "text", text: `No command matches "${topic}". Type help for the full list.` }]);
    return reply(`Help: ${topic}`, hits.flatMap((c) => detail(c)));
  }
  const groups = new Map<string, AnyCommand[]>();
  for (const c of visible) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const blocks: Block[] = [{ type: "text", text: "Here is what I understand. Ask a question in your own words, or type a command:" }];
  for (const [group, cs] of groups) {
    blocks.push({ type: "section", title: group, fields: cs.map((c) => ({ label: c.usage, value: c.summary })) });
  }
  blocks.push({ type: "text", text: "Type help <topic> for examples, e.g. help deadlines.", style: "muted" });
  return reply("What I understand", blocks);
}

function detail(c: AnyCommand): Block[] {
  return [
    {
      type: "section",
      title: c.usage,
      text: c.summary,
      fields: [
        ...(c.roles ? [{ label: "Who", value: c.roles.join(", ") }] : []),
        { label: "Examples", value: c.examples.join("\n") },
      ],
    },
  ];
}
