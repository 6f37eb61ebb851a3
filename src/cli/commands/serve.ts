import { join } from 'node:path';
import { loadConfig, type ConfigFlags } from '../../config/index.js';
import { usageError } from '../cli-io.js';
import type { Command } from '../command.js';

export const serve: Command = {
  usage: 'serve [--config FILE] [--port N] [--host H] [--data-dir DIR]',
  summary: 'Run the gateway (stops on Ctrl-C / SIGTERM)',
  options: ['config', 'port', 'host', 'data-dir'],
  async run(context) {
    const { values } = context;
    if (context.args.length > 0) throw usageError(`unexpected argument '${context.args[0]}'`);
    const flags: ConfigFlags = {};
    if (values.port !== undefined) {
      if (!/^\d+$/.test(values.port)) throw usageError('--port must be an integer 0-65535');
      flags.port = Number(values.port);
    }
    if (values.host !== undefined) flags.host = values.host;
    if (values['data-dir'] !== undefined) flags.dataDir = values['data-dir'];
    const config = loadConfig({
      ...(values.config === undefined ? {} : { configFile: values.config }),
      flags,
      env: context.io.env,
    });

    // Loaded only here so the admin commands start fast and never load the server's dependencies.
    const { startServer } = await import('../../http/server.js');
    const server = await startServer(config);
    // The key itself is shown once, when it is generated; afterwards only where it is kept.
    const keyLine =
      server.adminKeySource === 'env'
        ? 'Admin key: taken from HANGAR_ADMIN_KEY'
        : server.adminKeySource === 'generated'
          ? `Admin key: ${server.adminKey}  (generated; kept in ${join(config.dataDir, 'admin.key')})`
          : `Admin key: in ${join(config.dataDir, 'admin.key')}`;
    context.io.stdout.write(`Hangar is listening on ${server.url}\n${keyLine}\n`);

    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        context.io.stderr.write(`Received ${signal} again; exiting now.\n`);
        process.exit(1);
      }
      stopping = true;
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          context.io.stderr.write(
            `hangar: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return 0;
  },
};
