import type { Severity } from '../core/types.js';

/** One keyword rule of an offence → severity map: the first rule whose pattern matches wins. */
export interface SeverityRule {
  /** Tested against the offence text (use the `i` flag; offences are not lower-cased first). */
  pattern: RegExp;
  severity: Severity;
}

/**
 * The default offence → severity rules, for sources without a `severity` column. Keyword
 * matching on common UK (Home Office) and US (UCR/NIBRS) offence names, checked in this order,
 * first match wins:
 *
 * | severity | offences matched |
 * |---|---|
 * | 3 | attempted murder |
 * | 4 | homicide, murder, manslaughter |
 * | 3 | shooting, shot, GSW / gunshot wound, firearm discharge, shots fired |
 * | 3 | stabbing, GBH / grievous bodily harm, wounding, aggravated assault / battery, rape |
 * | 2 | ABH / actual bodily harm, assault with injury, assault occasioning…, robbery, mugging, carjacking, sexual assault, kidnapping |
 * | 1 | assault (common, simple, without injury), affray, battery, violent disorder, threats to kill |
 * | 0 | possession (weapons, drugs), burglary, theft, stealing, shoplifting, drugs, criminal damage, vandalism, fraud, arson, trespass, handling stolen goods, vehicle crime |
 *
 * An offence that no rule (and no `severityMap` entry) matches, on a row without a severity,
 * is rejected with a reason saying how to map it.
 */
export const DEFAULT_SEVERITY_RULES: readonly SeverityRule[] = [
  { pattern: /\batt(?:empt(?:ed)?|\.)?\s*murder\b/i, severity: 3 },
  { pattern: /\b(?:homicide|murder|manslaughter)\b/i, severity: 4 },
  {
    pattern:
      /\b(?:shootings?|shot|gsw|gunshot|shots fired|firearms? discharge[ds]?|discharg(?:e|ed|ing) (?:of )?(?:an? )?firearms?)\b/i,
    severity: 3,
  },
  {
    pattern:
      /\b(?:stabbings?|stabbed|gbh|grievous bodily harm|wounding|aggravated (?:assault|battery)|rape)\b/i,
    severity: 3,
  },
  {
    pattern:
      /\b(?:abh|actual bodily harm|assault with injury|assault occasioning|robbery|mugging|carjacking|sexual assault|kidnap(?:ping)?)\b/i,
    severity: 2,
  },
  {
    pattern: /\b(?:assault|affray|battery|violent disorder|threats? to kill)\b/i,
    severity: 1,
  },
  {
    pattern:
      /\b(?:possess\w*|burglary|theft|stealing|shoplifting|drugs?|narcotics?|cannabis|criminal damage|vandalism|fraud|arson|trespass|handling stolen|vehicle crime)\b/i,
    severity: 0,
  },
];

/**
 * Makes the offence → severity function ingest uses: the caller's exact `severityMap` entries
 * first (offence text compared case-insensitively, trimmed), then the keyword `rules`.
 * Returns `undefined` for an offence nothing matches. Results are cached per offence text.
 */
export function severityDeriver(
  severityMap: Readonly<Record<string, number>> = {},
  rules: readonly SeverityRule[] = DEFAULT_SEVERITY_RULES,
): (offence: string) => Severity | undefined {
  const exact = new Map<string, Severity>();
  for (const [k, v] of Object.entries(severityMap))
    exact.set(k.trim().toLowerCase(), v as Severity);
  const cache = new Map<string, Severity | undefined>();
  return (offence: string) => {
    if (cache.has(offence)) return cache.get(offence);
    let s: Severity | undefined = exact.get(offence.trim().toLowerCase());
    if (s === undefined) {
      for (const rule of rules) {
        rule.pattern.lastIndex = 0;
        if (rule.pattern.test(offence)) {
          s = rule.severity;
          break;
        }
      }
    }
    cache.set(offence, s);
    return s;
  };
}
