/** Identity helper that keeps the handler's argument type tied to its schema. */
export function defineCommand(spec) {
    return spec;
}
