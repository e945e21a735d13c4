export declare const repoRoot: string;
/** Whether dist/ was built, successfully, after the last change to apps/, libs/ or the build configuration. */
export declare function isBuildCurrent(root?: string): boolean;
/** Records a successful build that began at `began`. */
export declare function markBuilt(began: Date, root?: string): void;
/** Runs `nest build` unless dist/ is current; returns whether it built. */
export declare function buildIfStale(options?: { stdio?: 'inherit' | 'pipe' }): boolean;
