import type { BuildOptions } from 'esbuild';

export declare const bundleSettings: BuildOptions;
