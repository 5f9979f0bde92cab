// Every internal command of the shell by name.
import type { Internal } from '../shell';
import { BATCH_COMMANDS } from './batch-commands';
import { CLOCK_COMMANDS } from './clock';
import { DIR_COMMANDS } from './dir';
import { DIRECTORY_COMMANDS } from './directories';
import { ENVIRONMENT_COMMANDS } from './environment-commands';
import { FILE_COMMANDS } from './files';
import { SYSTEM_COMMANDS } from './system';

export const INTERNAL_COMMANDS: ReadonlyMap<string, Internal> = new Map(
  Object.entries({
    ...BATCH_COMMANDS,
    ...CLOCK_COMMANDS,
    ...DIR_COMMANDS,
    ...DIRECTORY_COMMANDS,
    ...ENVIRONMENT_COMMANDS,
    ...FILE_COMMANDS,
    ...SYSTEM_COMMANDS,
  }),
);
