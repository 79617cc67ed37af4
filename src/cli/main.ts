import { processIo } from './io.js';
import { run } from './program.js';

// The bin: run the program on the real process and leave with its exit code.
run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
