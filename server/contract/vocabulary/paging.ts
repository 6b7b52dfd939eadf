/**
 * The most features one page of /collections/{id}/items holds: the server's limit and the page
 * the dashboard asks for, so a collection is read in as few pages as the server allows.
 * Zod-free, so the client imports it at run time.
 */
export const itemsLimitMaximum = 10_000;
