import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * IPC handlers that switch the V8 sampling profiler on for one load run only, so the measured runs are not
 * slowed by it. `profile-stop` writes the `.cpuprofile` to the path it is given.
 */
export function profilerHandlers(): Record<string, (argument: string | undefined) => Promise<string | undefined>> {
  let session: Session | undefined;
  return {
    async 'profile-start'() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      return undefined;
    },
    async 'profile-stop'(path) {
      if (session === undefined || path === undefined) throw new Error('profile-start was not called');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}
