#!/usr/bin/env node
// Entry point of `sb-fragment`: the command is TypeScript, run through tsx (no build step for tools).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/deploy/cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
