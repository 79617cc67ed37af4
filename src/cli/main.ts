import { processIo } from './io.js';
import { run } from './program.js';

// A reader that stops early (`… | head -1`) closes the pipe: that is not an error, so leave
// quietly with exit 0 instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

// The bin: run the program on the real process and leave with its exit code.
run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
