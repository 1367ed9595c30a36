#!/usr/bin/env node
// Runs the TypeScript entry point through the workspace's SWC register hook (no build step).
require('@swc-node/register');
require('../src/main.ts');
