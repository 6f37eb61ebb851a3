import { safeParseJson } from '../../kit/index.js';
import { isJsonObject, type JsonObject } from '../../spec/index.js';
import type { ContentFilterEventRecord } from '../../store/index.js';
import type { ContentFilterEvent } from './content-filter-event-writer.js';

/** A recorded event, read back. */
export interface StoredContentFilterEvent extends ContentFilterEvent {
  id: string;
  at: number;
}

const STAGES = ['prompt', 'completion'] as const;
const ACTIONS = ['blocked', 'redacted', 'annotated'] as const;

export function toStoredEvent(record: ContentFilterEventRecord): StoredContentFilterEvent {
  const results = safeParseJson(record.results);
  return {
    id: record.id,
    at: record.at,
    projectId: record.projectId,
    deploymentId: record.deploymentId,
    deploymentName: record.deploymentName,
    requestId: record.requestId,
    stage: STAGES.find((stage) => stage === record.stage) ?? 'prompt',
    action: ACTIONS.find((action) => action === record.action) ?? 'annotated',
    policyName: record.policyName,
    // Written by this service from a ContentFilterResults; anything else reads as no annotations.
    results: results.ok && isJsonObject(results.value) ? results.value : {},
  };
}

/** The admin API's view of an event: what was filtered where, by which policy, with Azure's annotations. */
export function renderContentFilterEvent(event: StoredContentFilterEvent, projectName: string): JsonObject {
  return {
    object: 'content_filter_event',
    id: event.id,
    at: new Date(event.at).toISOString(),
    project: projectName,
    deployment: event.deploymentName,
    deployment_id: event.deploymentId,
    request_id: event.requestId,
    stage: event.stage,
    action: event.action,
    policy: event.policyName,
    results: event.results as JsonObject,
  };
}
