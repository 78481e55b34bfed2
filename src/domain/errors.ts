// One error class per failure kind; the HTTP layer maps each to a status in
// one place, and the CLI maps them to exit codes. An error a person reads
// carries a keyed message (./i18n/messages.ts): the page renders it in the
// reader's language, `message` holds the English rendering for the API and
// the logs.

import { renderMessage, type Message } from './i18n/messages.ts';

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;
  /** The keyed message, when the throw site gave one. */
  readonly msg: Message | undefined;
  /**
   * `message` is the keyed message, or English text; `localized`, with
   * English text, is the keyed message pages render instead (where the API
   * keeps a more technical English wording).
   */
  constructor(
    message: string | Message,
    readonly details?: Record<string, unknown>,
    localized?: Message,
  ) {
    super(typeof message === 'string' ? message : renderMessage('en', message));
    this.msg = typeof message === 'string' ? localized : message;
    this.name = new.target.name;
  }
}

export class Invalid extends AppError {
  readonly code = 'invalid';
  readonly status = 400;
}
export class Unauthorized extends AppError {
  readonly code = 'unauthorized';
  readonly status = 401;
}
export class Forbidden extends AppError {
  readonly code = 'forbidden';
  readonly status = 403;
}
export class NotFound extends AppError {
  readonly code = 'not_found';
  readonly status = 404;
}
export class Conflict extends AppError {
  readonly code = 'conflict';
  readonly status = 409;
}
export class TooLarge extends AppError {
  readonly code = 'payload_too_large';
  readonly status = 413;
}
export class TooManyRequests extends AppError {
  readonly code = 'too_many_requests';
  readonly status = 429;
}
export class Unavailable extends AppError {
  readonly code = 'unavailable';
  readonly status = 503;
}
