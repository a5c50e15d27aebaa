// Types of web-build.js for the TypeScript scripts that use it.
/** Builds the web app into dist/web when it is missing or older than its sources. */
export function buildWebIfStale(): Promise<void>;
/** The newest modification time (ms) of any file under `dir`. */
export function newest(dir: string): number;
/** Whether dist/web is missing or older than its sources. */
export function webIsStale(): boolean;
