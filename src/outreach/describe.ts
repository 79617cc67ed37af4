import type { Incident } from '../core/types.js';

/**
 * Plain words for what happened to someone in an incident, for reasons and explanations.
 * Names the event, never the person's character ("was shot", not "gang member").
 */
export function harmWords(incident: Incident | undefined): string {
  if (!incident) return 'harmed';
  if (incident.severity >= 4) return 'killed';
  if (incident.severity === 3) {
    if (incident.weapon === 'firearm') return 'shot';
    if (incident.weapon === 'knife') return 'stabbed';
    return 'seriously hurt';
  }
  if (incident.severity === 2) return 'hurt';
  if (incident.severity === 1) return 'assaulted';
  return 'involved in an incident';
}

/** The same event as a noun phrase ("a shooting"), for "victim of …". */
export function harmNoun(incident: Incident | undefined): string {
  if (!incident) return 'harm';
  if (incident.severity >= 4) return 'a homicide';
  if (incident.severity === 3) {
    if (incident.weapon === 'firearm') return 'a shooting';
    if (incident.weapon === 'knife') return 'a stabbing';
    return 'a serious assault';
  }
  if (incident.severity === 2) return 'an assault with injury';
  if (incident.severity === 1) return 'an assault';
  return 'an incident';
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(days: number): string {
  const d = Math.floor(days);
  if (d <= 0) return 'today';
  return d === 1 ? '1 day ago' : `${d} days ago`;
}

/** A contribution's size as text: 3 decimals, or 2 significant digits when smaller than 0.001. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 0.001 ? v.toFixed(3) : v.toPrecision(2);
}

/** A contribution with everything needed to put it into words. */
export interface DescribedContribution {
  kind: string;
  value: number;
  /** Display id of the associate (already pseudonymised when asked). */
  via?: string;
  /** Display id of the intermediary of an indirect exposure. */
  through?: string;
  incident?: Incident;
  /** Whole days from the incident to the list date. */
  days?: number;
}

/** One reason line: "co-offended with P-3f2a (shot 12 days ago): 0.041". */
export function reasonText(c: DescribedContribution): string {
  return `${reasonPhrase(c)}: ${formatValue(c.value)}`;
}

function reasonPhrase(c: DescribedContribution): string {
  const when = c.days !== undefined ? ` ${daysAgo(c.days)}` : '';
  switch (c.kind) {
    case 'background':
      return 'background';
    case 'exposure':
      return c.via
        ? `co-offended with ${c.via} (${harmWords(c.incident)}${when})`
        : `recent harm to an associate${when}`;
    case 'exposure-indirect':
      return `linked through ${c.through ?? 'a co-offender'} to ${c.via ?? 'an associate'} (${harmWords(c.incident)}${when})`;
    case 'own-victimisation':
      return `victim of ${harmNoun(c.incident)}${when}`;
    default: {
      // A model's own kinds (e.g. a fitted model's excitation terms): name them as given.
      const via = c.via ? ` via ${c.via}` : '';
      const what = c.incident ? ` (${harmWords(c.incident)}${when})` : when;
      return `${c.kind}${via}${what}`;
    }
  }
}

/** A clause of the explanation sentence, for one contribution. */
function clause(c: DescribedContribution): string {
  const when = c.days !== undefined ? ` ${daysAgo(c.days)}` : ' recently';
  switch (c.kind) {
    case 'exposure':
      return c.via
        ? `${c.via}, someone they co-offended with, was ${harmWords(c.incident)}${when}`
        : `someone they co-offended with was ${harmWords(c.incident)}${when}`;
    case 'exposure-indirect':
      return `${c.via ?? 'an associate'}, linked to them through ${c.through ?? 'a co-offender'}, was ${harmWords(c.incident)}${when}`;
    case 'own-victimisation':
      return `they were themselves ${harmWords(c.incident)}${when}`;
    default:
      return c.via
        ? `${c.via}, in their network, was ${harmWords(c.incident)}${when}`
        : `${c.kind}${when}`;
  }
}

/**
 * One plain sentence from the largest contributions (at most two named events), in
 * strengths-based words: it says what happened near the person and that support is on offer.
 */
export function explanationSentence(parts: readonly DescribedContribution[]): string {
  const events = parts.filter((c) => c.kind !== 'background' && c.value > 0).slice(0, 2);
  if (events.length === 0) {
    return 'Listed on their own record history alone, with no recent harm nearby on record; a check-in and an offer of support may still help.';
  }
  const text = events.map(clause).join(', and ');
  return `Recent harm close to them: ${text}; an offer of support now could help.`;
}
