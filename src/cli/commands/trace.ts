import { fitNetworkHawkes, type NetworkHawkesModel } from '../../contagion/index.js';
import { indexDataset } from '../../core/dataset-index.js';
import { DataRefusedError } from '../../core/errors.js';
import { nearId } from '../../core/options.js';
import { count } from '../../core/plural.js';
import { assertModelForecasts } from '../../core/risk.js';
import { DAYS_PER_YEAR, dayToIso, toDay } from '../../core/time.js';
import type { Dataset } from '../../core/types.js';
import { DEFAULT_RETENTION_YEARS, dataToday } from '../../core/window.js';
import { listMetadata, traceContacts } from '../../outreach/index.js';
import type { CommandContext } from '../context.js';
import { dataError, EXIT, type ExitCode, usageError } from '../errors.js';
import { loadForAnalysis, readExits } from '../shared.js';
import { inFlags } from './fit.js';
import { forecastsRefusalInFlags, victimOffenderFit, writeList } from './rank.js';

/** `trace <incident>`: the people to reach after an index incident, in priority order. */
export function traceCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  // Ingest reads ids without their surrounding spaces: so is the id given (copied from an export
  // whose cells carry trailing spaces, it was not found).
  const incidentId = ctx.args[0].trim();
  // A blank id (an empty shell variable, `trace "$ID"`) read "incident '' is not in the records".
  if (incidentId === '')
    throw usageError(
      `an incident id is required (got ${ctx.args[0] === '' ? 'an empty one' : 'only spaces'}): give the id of the index incident, e.g. 'violence-contagion trace I-000123 --incidents incidents.csv …' (run 'violence-contagion trace --help' for usage and an example).`,
    );
  // Before the records are read: the library's refusal names its options (today, asOf).
  if (opts.today !== undefined && opts.asOf !== undefined) {
    const today = Math.floor(toDay(opts.today));
    if (today < toDay(opts.asOf))
      throw usageError(
        `--today ${dayToIso(today)} is before --as-of ${opts.asOf}: a trace cannot rest on records from after the day it is used; give a later --today or an earlier --as-of.`,
      );
  }
  const find = (data: Dataset) => {
    const incident = data.incidents.find((i) => i.incident_id === incidentId);
    if (!incident) {
      // The same id with other leading zeros or in another letter case ('388' for '00000388'),
      // else the closest (a typo), as traceContacts names it.
      const like = nearId(
        incidentId,
        data.incidents.map((i) => i.incident_id),
      );
      throw dataError(
        `incident '${incidentId}' is not in the records; check the id (ids are matched exactly, as text)${like ? `: did you mean '${like}'?` : '.'}`,
      );
    }
    return incident;
  };
  // The data warnings are of the records the trace uses: those up to and including the
  // incident's day (or before a later --as-of), as its model reads them, within the retention
  // horizon counted back from --today. Those before the incident alone said 'No incident of
  // severity 3 or more' of a trace from the first shooting, whose risk column counts it.
  const { data } = loadForAnalysis(ctx, {
    window: (records) => {
      const incident = find(records);
      const date = incident.date.slice(0, 10);
      // The library's refusals of these dates name its options (asOf, today) and came after a
      // model fit that had nothing to do: said here, in the flags, before anything is fitted.
      if (opts.asOf !== undefined && toDay(opts.asOf) < Math.floor(incident.day))
        throw usageError(
          `--as-of ${opts.asOf} is before incident ${incidentId} (${date}): a trace rests on the records up to its index incident; give its date or a later one, or leave --as-of out (the incident's date).`,
        );
      let before = opts.asOf === undefined ? incident.day : toDay(opts.asOf);
      if (Math.floor(before) === Math.floor(incident.day)) before = incident.day;
      if (opts.today !== undefined && Math.floor(toDay(opts.today)) < Math.floor(before))
        throw usageError(
          `--today ${opts.today} is before incident ${incidentId} (${date}): a trace cannot rest on records from after the day it is used; give a later --today.`,
        );
      const today =
        opts.today === undefined
          ? Math.max(before, dataToday(indexDataset(records)))
          : Math.floor(toDay(opts.today));
      const since = today - DEFAULT_RETENTION_YEARS * DAYS_PER_YEAR;
      if (incident.day < since)
        throw new DataRefusedError(
          'past-retention',
          `trace refused: incident ${incidentId} (${date}) is older than the ${DEFAULT_RETENTION_YEARS}-year retention horizon counted back from ${opts.today === undefined ? `${dayToIso(today)} (the day after the last record)` : `--today ${dayToIso(today)}`}: records before ${dayToIso(Math.ceil(since))} should no longer be held, so there is nobody to reach for it.${opts.today === undefined ? '' : ' Check --today (the date the list is used).'}`,
        );
      return { before: Math.max(before, Math.floor(incident.day) + 1), since };
    },
  });
  const incident = find(data);
  // The trace's network rests on what was known on the day. Its risk column counts the incident
  // itself: the model behind it reads the records up to and including the incident's day (as of
  // the next day; traceContacts then takes the risk from that day), so a victim's contacts carry
  // the excitation of the shooting they are traced from.
  const asOf = opts.asOf ?? incident.date.slice(0, 10);
  const modelAsOf = dayToIso(Math.max(Math.floor(toDay(asOf)), Math.floor(incident.day) + 1));
  let model: NetworkHawkesModel | undefined;
  const exits = readExits(ctx, data);
  reporter.step(
    `fitting the network contagion model on the records up to ${dayToIso(Math.floor(toDay(modelAsOf)) - 1)}`,
  );
  try {
    model = fitNetworkHawkes(data, { asOf: modelAsOf, exits, ...victimOffenderFit(opts) });
    // An explosive fit that identifies nothing gives no risk to show (traceContacts refuses it).
    assertModelForecasts('traceContacts', model, '');
  } catch (e) {
    model = undefined;
    // The list is still useful without the model's risk column (e.g. no records before the day).
    const why = forecastsRefusalInFlags(inFlags((e as Error).message, 'trace'), 'trace');
    reporter.note(`note: no model risk column (${why.replace(/^trace refused: /, '')})`);
  }
  reporter.step(`tracing contacts of ${incidentId}`);
  const list = traceContacts(data, incidentId, {
    maxDistance: opts.maxDistance,
    responseDays: opts.responseDays,
    asOf,
    today: opts.today,
    model,
  });
  writeList(ctx, list);
  const meta = listMetadata(list);
  for (const w of meta?.warnings ?? []) ctx.io.stderr.write(`warning: ${w}\n`);
  const respondBy = list.numRows() > 0 ? (list.get('respond_by', 0) as string | null) : null;
  reporter.note(
    respondBy
      ? `${count(list.numRows(), 'person', 'people')} to reach by ${respondBy} (${count(opts.responseDays, 'day')} after ${incident.date.slice(0, 10)}).`
      : `${count(list.numRows(), 'person', 'people')} listed; the ${opts.responseDays}-day response window after ${incident.date.slice(0, 10)} has passed.`,
  );
  return EXIT.ok;
}
