// Starts a demo Hangar for working on the portal: `node --import tsx test/portal/serve-demo.ts`, then open the URL
// and sign in as admin@example.org / "correct horse battery" (or with the printed admin key). Ctrl-C stops it.
import { ADMIN, DEVELOPER, PROJECT_KEY, startDemoHangar } from './portal-harness.js';

const demo = await startDemoHangar({ serviceLevelHistory: true });
console.log(`Hangar portal: ${demo.hangar.url}/`);
console.log(`admin key: ${demo.hangar.adminKey}`);
console.log(
  `platform admin: ${ADMIN.email} / ${ADMIN.password}; contributor: ${DEVELOPER.email} / ${DEVELOPER.password}`,
);
console.log(`project key (team): ${PROJECT_KEY}`);
process.on('SIGINT', () => {
  void demo.close().then(() => process.exit(0));
});
