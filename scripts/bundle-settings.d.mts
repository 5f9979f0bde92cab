import type { BuildOptions, build } from 'esbuild';

export declare const bundleSettings: BuildOptions;

/** Builds the command (cli.cjs and plugin-loader.cjs) into `outdir` from the checkout at `root`;
 *  returns the path of cli.cjs. */
export declare function buildCommand(esbuildBuild: typeof build, root: string, outdir: string): Promise<string>;
