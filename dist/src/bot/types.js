export const PLATFORMS = ["console", "slack", "teams"];
export const ROLES = ["delegate", "chair", "secretariat"];
