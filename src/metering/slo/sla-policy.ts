/** One rung of the service-credit ladder: availability below `belowPercent` earns `creditPercent` of the amount. */
export interface CreditRung {
  belowPercent: number;
  creditPercent: number;
}

/** What an SLA promises and pays back; from the `sla:` section of the configuration. */
export interface SlaPolicy {
  /** The availability promised to a deployment type not listed in `targetsByType`. */
  defaultTargetPercent: number;
  targetsByType: Readonly<Record<string, number>>;
  /** A minute is a downtime minute when more than this percent of its eligible requests failed. */
  downtimeErrorRatePercent: number;
  creditLadder: readonly CreditRung[];
}

/** Azure's: 99.9 %, a minute is down above a 5 % error rate, credits of 10 / 25 / 100 %. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  defaultTargetPercent: 99.9,
  targetsByType: {},
  downtimeErrorRatePercent: 5,
  creditLadder: [
    { belowPercent: 99.9, creditPercent: 10 },
    { belowPercent: 99, creditPercent: 25 },
    { belowPercent: 95, creditPercent: 100 },
  ],
};

export function targetPercentFor(policy: SlaPolicy, deploymentType: string): number {
  return policy.targetsByType[deploymentType] ?? policy.defaultTargetPercent;
}

/**
 * The credit a month earns: the largest rung the availability falls below, and only when the target was missed
 * (a deployment type promised 99 % earns nothing at 99.5 % even though a 99.9 % rung exists). No eligible
 * request in the month: nothing was failed, no credit.
 */
export function creditPercentFor(policy: SlaPolicy, targetPercent: number, availabilityPercent: number | null): number {
  if (availabilityPercent === null || availabilityPercent >= targetPercent) return 0;
  let credit = 0;
  for (const rung of policy.creditLadder) {
    if (availabilityPercent < rung.belowPercent) credit = Math.max(credit, rung.creditPercent);
  }
  return credit;
}
