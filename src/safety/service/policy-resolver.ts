import type { Analyzer, CategorySeverities, ShieldVerdict } from '../analyzers/analyzer.js';
import { compileBlocklists, type BlocklistMatcher } from '../blocklists/compile-blocklists.js';
import type { AnalyzerSpec, Blocklist, ContentFilterPolicy } from '../policy/content-filter-policy.js';
import { builtInDefaultPolicy, DEFAULT_POLICY_NAME } from '../policy/default-policy.js';
import type { ResolvedPolicy } from '../policy/resolved-policy.js';
import type { SafetySnapshot } from './load-safety-snapshot.js';

/** Builds the analyzer of a policy: `projectId` is the policy's project, null for a platform policy. */
export type AnalyzerFactory = (spec: AnalyzerSpec, projectId: string | null) => Analyzer;

/**
 * Answers the request path from one snapshot, with no database read. Analyzers and compiled blocklists are made on
 * first use and kept until the next reload replaces the resolver, so a request pays for compiling at most once.
 */
export class PolicyResolver {
  readonly #snapshot: SafetySnapshot;
  readonly #analyzerFor: AnalyzerFactory;
  readonly #builtInDefault = builtInDefaultPolicy();
  /** `projectId \n name` → the policy that name means for the project. */
  readonly #resolved = new Map<string, ResolvedPolicy>();
  /** One analyzer per policy, shared by every project that uses a platform policy. */
  readonly #analyzers = new Map<ContentFilterPolicy, Analyzer>();

  constructor(snapshot: SafetySnapshot, analyzerFor: AnalyzerFactory) {
    this.#snapshot = snapshot;
    this.#analyzerFor = analyzerFor;
  }

  /**
   * The policy a deployment of the project applies: its own of that name, else the platform's, else (a name
   * removed meanwhile) the default, flagged `fallback`. No name means the default.
   */
  policyFor(projectId: string, policyName: string | null): ResolvedPolicy {
    const name = policyName ?? DEFAULT_POLICY_NAME;
    const key = `${projectId}\n${name}`;
    const cached = this.#resolved.get(key);
    if (cached !== undefined) return cached;
    const found = this.#find(projectId, name);
    const policy = found ?? this.#platformDefault();
    const lists = this.#snapshot.blocklists.get(projectId);
    const resolved: ResolvedPolicy = {
      policy,
      analyzer: this.#analyzerOf(policy),
      promptBlocklists: compileNamed(lists, policy.prompt.blocklists),
      completionBlocklists: compileNamed(lists, policy.completion.blocklists),
      fallback: found === undefined,
    };
    this.#resolved.set(key, resolved);
    return resolved;
  }

  /** True when a deployment of the project may name the policy: its own, the platform's, or `default`. */
  hasPolicy(projectId: string, name: string): boolean {
    return this.#find(projectId, name) !== undefined;
  }

  #find(projectId: string, name: string): ContentFilterPolicy | undefined {
    return (
      this.#snapshot.projects.get(projectId)?.get(name) ??
      this.#snapshot.platform.get(name) ??
      (name === DEFAULT_POLICY_NAME ? this.#builtInDefault : undefined)
    );
  }

  #platformDefault(): ContentFilterPolicy {
    return this.#snapshot.platform.get(DEFAULT_POLICY_NAME) ?? this.#builtInDefault;
  }

  #analyzerOf(policy: ContentFilterPolicy): Analyzer {
    let analyzer = this.#analyzers.get(policy);
    if (analyzer === undefined) {
      try {
        analyzer = this.#analyzerFor(policy.analyzer, policy.projectId);
      } catch (error) {
        // A policy whose analyzer cannot be built (its deployment removed, say) still filters blocklists and
        // personal data; the categories and shields are annotated `error`, as when an analyzer fails mid-request.
        analyzer = unavailableAnalyzer(policy.analyzer.type, error);
      }
      this.#analyzers.set(policy, analyzer);
    }
    return analyzer;
  }
}

/** The project's lists of those names, in the policy's order; names with no list are ignored. */
function compileNamed(lists: ReadonlyMap<string, Blocklist> | undefined, names: readonly string[]): BlocklistMatcher {
  const found = names.flatMap((name) => {
    const list = lists?.get(name);
    return list === undefined ? [] : [list];
  });
  return compileBlocklists(found);
}

function unavailableAnalyzer(kind: Analyzer['kind'], error: unknown): Analyzer {
  const fail = () => Promise.reject(error instanceof Error ? error : new Error(String(error)));
  return {
    kind,
    grade: (): Promise<CategorySeverities> => fail(),
    shield: (): Promise<ShieldVerdict> => fail(),
  };
}
