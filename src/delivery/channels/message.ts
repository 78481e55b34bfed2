// A channel-neutral message: what a person in a group chat should read.
// Renderers build it from an event; each robot formats it in its dialect.

export type AlertLevel = 'red' | 'orange' | 'yellow' | 'blue';

export const LEVEL_NAMES: Record<AlertLevel, string> = {
  red: '红色预警',
  orange: '橙色预警',
  yellow: '黄色预警',
  blue: '蓝色预警',
};

export function isAlertLevel(value: unknown): value is AlertLevel {
  return value === 'red' || value === 'orange' || value === 'yellow' || value === 'blue';
}

/** The emoji-free level marker, e.g. 【红色预警】. */
export function levelMarker(level: AlertLevel): string {
  return `【${LEVEL_NAMES[level]}】`;
}

export interface Fact {
  label: string;
  /** Already cleaned: one line, no angle brackets, bounded length. */
  value: string;
}

export interface RenderedMessage {
  level: AlertLevel | null;
  /** 【红色预警】 or null for events without a level. */
  marker: string | null;
  /** What happened, e.g. 新预警, 预警升级, 失信名单：已列入. */
  action: string;
  /** The subject in one line, e.g. the alert title. */
  title: string;
  facts: Fact[];
  /** Absolute http(s) link to the console page, when one is known. */
  link: string | null;
}

/** Marker and action as one heading line: 【红色预警】新预警. */
export function headingOf(message: RenderedMessage): string {
  return `${message.marker ?? ''}${message.action}`;
}
