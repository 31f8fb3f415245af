export class ConsoleMessenger {
    sink;
    platform = "console";
    constructor(sink) {
        this.sink = sink;
    }
    async send(message) {
        this.sink({ key: message.key, to: message.to, replies: message.replies });
        return { ok: true, platformRef: `console:${message.key}` };
    }
}
