/**
 * Slack's control characters in mrkdwn and plain text: `&`, `<` and `>`. Escaping them in every
 * text from a reply means `<!channel>`, `<!here>` or `<@U123>` typed by a user is shown, never pings.
 */
/** "<!here> & co" → "&lt;!here&gt; &amp; co" */
export function escapeSlack(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
