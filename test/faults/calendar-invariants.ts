/** An event as the stand-in's control API lists it. */
export interface ListedEvent {
  id: string;
  status: string;
  summary?: string;
  start: { dateTime?: string };
  end: { dateTime?: string };
}

/**
 * What must hold in a calendar after any fault: no two live events at the same time (no duplicate, no
 * overlap). Returns the violations, described; an empty list means the calendar is sound.
 */
export function calendarViolations(events: readonly ListedEvent[]): string[] {
  const live = events
    .filter((e) => e.status !== 'cancelled')
    .map((e) => ({ id: e.id, start: Date.parse(e.start.dateTime ?? ''), end: Date.parse(e.end.dateTime ?? '') }))
    .sort((a, b) => a.start - b.start);
  const violations: string[] = [];
  for (let i = 1; i < live.length; i++) {
    const previous = live[i - 1];
    const current = live[i];
    if (previous && current && current.start < previous.end) {
      violations.push(
        `${current.id} (${new Date(current.start).toISOString()}) overlaps ${previous.id} (${new Date(previous.start).toISOString()}–${new Date(previous.end).toISOString()})`,
      );
    }
  }
  return violations;
}
