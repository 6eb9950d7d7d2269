/** The commands of `segment-notebook`, in the order `--help` lists them. Add a command here. */
import type { Command } from '../command';
import { fitCommand } from './fit';
import { runsCommand } from './runs';
import { scoreCommand } from './score';
import { serveCommand } from './serve';
import { sqlCommand } from './sql';

export const COMMANDS: readonly Command[] = [fitCommand, scoreCommand, serveCommand, runsCommand, sqlCommand];
