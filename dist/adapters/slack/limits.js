/**
 * Slack's Block Kit limits (docs.slack.dev, "Block Kit" reference) and the helpers that keep every
 * payload within them: a payload over a limit is an API error (invalid_blocks), so we cut first.
 */
/** The limits we render against; a test checks every payload we produce against them. */
export const SLACK_LIMITS = {
    /** blocks per message */
    messageBlocks: 50,
    /** blocks per modal or App Home view */
    viewBlocks: 100,
    /** characters in a section's text */
    sectionText: 3000,
    /** fields per section */
    sectionFields: 10,
    /** characters per section field */
    fieldText: 2000,
    /** elements per actions block */
    actionsElements: 25,
    /** characters of a button's text */
    buttonText: 75,
    /** characters of a button's value */
    buttonValue: 2000,
    /** characters of action_id and block_id */
    actionId: 255,
    /** options in a static select */
    selectOptions: 100,
    /** characters of an option's text */
    optionText: 75,
    /** characters of an option's value */
    optionValue: 150,
    /** characters of a header block */
    headerText: 150,
    /** elements in a context block */
    contextElements: 10,
    /** characters of a context element (same as section text) */
    contextText: 3000,
    /** characters of a modal's title, submit and close labels */
    modalTitle: 24,
    /** characters of an input block's label */
    inputLabel: 2000,
    /** characters of a plain-text input's placeholder */
    placeholder: 150,
    /** characters a plain-text input may hold */
    inputMaxLength: 3000,
    /** characters of private_metadata */
    privateMetadata: 3000,
    /** characters of a message's top-level text (Slack truncates beyond 40,000; we stay far below) */
    messageText: 4000,
};
/** Cuts `s` to at most `max` characters, ending with "…" when cut. */
export function clip(s, max) {
    return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
/**
 * Splits text into pieces of at most `max` characters, preferring line breaks, then spaces, so a
 * long answer becomes several sections instead of an invalid one.
 */
export function splitText(s, max) {
    const out = [];
    let rest = s;
    while (rest.length > max) {
        let cut = rest.lastIndexOf("\n", max);
        if (cut < max / 2)
            cut = rest.lastIndexOf(" ", max);
        if (cut < max / 2)
            cut = max;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut).replace(/^[\n ]/, "");
    }
    if (rest.length > 0 || out.length === 0)
        out.push(rest);
    return out;
}
/** Splits a list into chunks of `size`. */
export function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
