import { ApiError } from '../../api/client';

/** What went wrong with a chat call, in words: a headline by the API's code, then the API's own message. */
export function describeChatError(error: Error): string {
  if (!(error instanceof ApiError)) return error.message;
  return `${headline(error)}: ${error.message}`;
}

/** The key itself was refused: offering another key is the way out. */
export function keyRefused(error: Error | null): boolean {
  return error instanceof ApiError && error.code === 'invalid_api_key';
}

function headline(error: ApiError): string {
  switch (error.code) {
    case 'content_filter':
      return 'Blocked by the content filter';
    case 'rate_limit_exceeded':
      return 'Rate limit reached';
    case 'upstream_rate_limited':
      return 'The model’s vendor is rate limiting';
    case 'insufficient_quota':
      return 'The budget does not cover this request';
    case 'invalid_api_key':
      return 'The API key was refused';
    case 'permission_denied':
      return 'This key may not call this deployment';
    case 'model_not_found':
      return 'No such deployment';
    case 'invalid_request':
    case 'unknown_parameter':
    case 'unsupported_parameter':
    case 'upstream_bad_request':
      return 'The request was refused';
    case 'upstream_error':
    case 'upstream_unavailable':
    case 'upstream_timeout':
      return 'The model’s backend failed';
    default:
      return error.status === 0 ? 'No answer' : `The request failed (${error.status})`;
  }
}
