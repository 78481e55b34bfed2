import { renderAlert } from './render-alert.ts';
import { renderGeneric } from './render-generic.ts';
import type { RenderedMessage } from './message.ts';
import type { BuildOptions, OutgoingEvent } from './types.ts';

/** The channel-neutral reading of an event. Pure. */
export function renderMessage(event: OutgoingEvent, options: BuildOptions = {}): RenderedMessage {
  if (event.type.startsWith('alert.')) {
    const alert = renderAlert(event, options);
    if (alert) return alert;
  }
  return renderGeneric(event, options);
}
