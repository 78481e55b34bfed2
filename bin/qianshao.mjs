#!/usr/bin/env node
// The installed `qianshao` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
register();
await import('../src/entry/cli.ts');
