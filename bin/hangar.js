#!/usr/bin/env node
// The published entry point: runs the compiled CLI (built by `npm install` through the prepare script).
import '../dist/cli/main.js';
