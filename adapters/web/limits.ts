/** The console's size limits, in one place. */

/** Largest strategy document or plan file accepted for upload (the bundled ones are under 2 MB). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Largest ordinary form. */
export const MAX_FORM_BYTES = 256 * 1024;
