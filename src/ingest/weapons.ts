import type { Weapon } from '../core/types.js';

/**
 * Weapon synonyms every ingest starts from (matched case-insensitively, spaces, `_` and `-`
 * alike). The caller's `weaponSynonyms` are merged over these. A non-empty weapon text that
 * matches nothing is kept as `other` and counted in `summary.weaponsReadAsOther` (never dropped
 * silently); an empty cell means "not recorded" and leaves `weapon` unset.
 */
export const DEFAULT_WEAPON_SYNONYMS: Readonly<Record<string, Weapon>> = {
  firearm: 'firearm',
  firearms: 'firearm',
  gun: 'firearm',
  handgun: 'firearm',
  pistol: 'firearm',
  revolver: 'firearm',
  rifle: 'firearm',
  shotgun: 'firearm',
  'sawn off shotgun': 'firearm',
  'automatic weapon': 'firearm',
  knife: 'knife',
  knives: 'knife',
  blade: 'knife',
  'bladed article': 'knife',
  'sharp instrument': 'knife',
  'sharp object': 'knife',
  machete: 'knife',
  none: 'none',
  'no weapon': 'none',
  unarmed: 'none',
  other: 'other',
  'blunt instrument': 'other',
  'blunt object': 'other',
  bat: 'other',
};
