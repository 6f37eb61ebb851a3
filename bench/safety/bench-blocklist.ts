import type { Blocklist } from '../../src/safety/policy/content-filter-policy.js';

/** A project's list as people write them: code names, competitors, phrases; most never occur in the docs. */
const TERMS = `project nightingale; operation bluebird; acme corp; globex; initech; umbrella corporation; hooli;
  stark industries; wayne enterprises; cyberdyne; soylent; tyrell; wonka; oscorp; massive dynamic; aperture labs;
  black mesa; vandelay industries; dunder mifflin; pied piper; internal only; do not distribute; confidential draft;
  unreleased model; q3 forecast; salary bands; layoff plan; merger talks; board minutes; legal hold; password dump;
  leaked roadmap; competitor pricing; secret sauce; codename falcon; codename osprey; codename heron; zeta build;
  omega release; beta invite codes; darkweb; crypto giveaway; free bitcoin; guaranteed returns; miracle cure;
  weight loss pill; casino bonus; payday loan; pyramid scheme; deployment`;

export const BENCH_BLOCKLIST: Blocklist = {
  projectId: 'bench',
  name: 'bench-terms',
  description: 'Fifty terms for the safety bench.',
  items: TERMS.split(';').map((term) => ({ pattern: term.trim(), regex: false })),
};
