/**
 * Compact, append-only storage for the incidents one stage of the synthetic city draws, before
 * they are merged, dated and numbered. Plain arrays of small integers (packed by the engine),
 * so a million incidents cost tens of megabytes, not a million objects.
 */
export class IncidentStore {
  /** Whole day (days since 1970-01-01 UTC) of each incident. */
  readonly day: number[] = [];
  readonly severity: number[] = [];
  /** Index into {@link OFFENCES}. */
  readonly offence: number[] = [];
  /** Index into {@link WEAPONS}. */
  readonly weapon: number[] = [];
  /** Area number (0-based; named by {@link areaName}). */
  readonly area: number[] = [];
  /** Involvements of incident i are `invPerson[invOffset[i] .. invOffset[i+1])`. */
  readonly invOffset: number[] = [0];
  readonly invPerson: number[] = [];
  /** {@link ROLE_OFFENDER}, {@link ROLE_VICTIM} or {@link ROLE_OTHER}. */
  readonly invRole: number[] = [];

  get size(): number {
    return this.day.length;
  }

  /** Opens a new incident; add its people with {@link add}, then call {@link end}. */
  begin(day: number, severity: number, offence: number, weapon: number, area: number): number {
    this.day.push(day);
    this.severity.push(severity);
    this.offence.push(offence);
    this.weapon.push(weapon);
    this.area.push(area);
    return this.day.length - 1;
  }

  add(person: number, role: number): void {
    this.invPerson.push(person);
    this.invRole.push(role);
  }

  /** Whether `person` is already in the open incident (incidents hold a handful of people). */
  has(person: number): boolean {
    const from = this.invOffset[this.invOffset.length - 1];
    for (let e = from; e < this.invPerson.length; e++)
      if (this.invPerson[e] === person) return true;
    return false;
  }

  end(): void {
    this.invOffset.push(this.invPerson.length);
  }

  /** The people of incident `i` with role `role`. */
  people(i: number, role: number): number[] {
    const out: number[] = [];
    for (let e = this.invOffset[i]; e < this.invOffset[i + 1]; e++) {
      if (this.invRole[e] === role) out.push(this.invPerson[e]);
    }
    return out;
  }
}

export const ROLE_OFFENDER = 0;
export const ROLE_VICTIM = 1;
export const ROLE_OTHER = 2;
export const ROLE_NAMES = ['offender', 'victim', 'other'] as const;

export const WEAPONS = ['none', 'other', 'knife', 'firearm'] as const;
export const W_NONE = 0;
export const W_OTHER = 1;
export const W_KNIFE = 2;
export const W_FIREARM = 3;

/**
 * Offence texts. Non-violent offences (severity 0) first, then violence without injury
 * (severity 1), violence with injury (severity 2), and the serious violence of the Hawkes stage.
 */
export const OFFENCES = [
  'theft',
  'burglary',
  'vehicle crime',
  'criminal damage',
  'drug possession',
  'drug supply',
  'handling stolen goods',
  'public order',
  'common assault',
  'affray',
  'threats',
  'assault with injury',
  'wounding',
  'shooting',
  'stabbing',
] as const;
export const SEVERITY0_OFFENCES = [0, 1, 2, 3, 4, 5, 6, 7];
export const SEVERITY1_OFFENCES = [8, 9, 10];
export const SEVERITY2_OFFENCES = [11, 12];
export const O_SHOOTING = 13;
export const O_STABBING = 14;

/** Number of areas ('A01' … 'A40'). */
export const AREAS = 40;

/** 'A01' … 'A40'. */
export function areaName(a: number): string {
  return `A${String(a + 1).padStart(2, '0')}`;
}
