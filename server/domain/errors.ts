/** Typed domain errors; the HTTP layer maps them to status codes. Services never see req/res. */
export type ErrorCode =
  | 'invalid-input'
  | 'unprocessable'
  | 'not-found'
  | 'conflict'
  | 'already-answered'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'payload-too-large'
  | 'unavailable'
  /** 403: the account still has its temporary password; only changing it (and /me, logout) is allowed. */
  | 'password-change-required';

const STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'already-answered': 409,
  'payload-too-large': 413,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
  'password-change-required': 403,
};

export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const invalid = (issues: FieldIssue[], message = 'Some fields are invalid'): DomainError =>
  new DomainError('invalid-input', `${message}: ${issues.map((i) => i.path || '(body)').join(', ')}`, issues);
