// `npm run import:ctgov`: reads ClinicalTrials.gov study records and hands each party its part,
// through that party's own import (sites, then sponsors, then cros), each writing only its own
// database. Insights is left alone: the registry holds nothing patients said.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Party } from '../../platform/config';
import type { Database } from '../../subgraphs/shared/database';
import { type KnownCro, knownCro } from '../../subgraphs/cros/known-cros';
import { importRegistryEngagements } from '../../subgraphs/cros/registry-import';
import { importRegistrySites } from '../../subgraphs/sites/registry-import';
import { importRegistryTrials, registryRecordsToStore } from '../../subgraphs/sponsors/registry-import';
import { bulkLoad } from '../../subgraphs/shared/seeding';
import { parseStudy, type RegistryOrganisation, type RegistryStudy, type SkippedLocation } from './study';

/** Studies per round of writes: each round is one transaction per party. */
export const BATCH_SIZE = 100;

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ImportSummary {
  files: number;
  studies: { created: number; updated: number; unchanged: number; superseded: number };
  sponsorsCreated: number;
  sitesCreated: number;
  /** Locations that found a site already stored (or created earlier in the same run). */
  locationsMatched: number;
  trialSitesCreated: number;
  crosCreated: number;
  engagementsCreated: number;
  /** Collaborators kept on trials (CROs aside) in the studies created or updated. */
  collaborators: number;
  skipped: SkippedFile[];
  /** Locations left out (no facility, no city, a country we cannot code), each with its file. */
  skippedLocations: (SkippedLocation & { file: string })[];
  seconds: number;
}

export interface ImportProgress {
  start(total: number): void;
  advance(done: number): void;
  stop(): void;
}

const silent: ImportProgress = { start() {}, advance() {}, stop() {} };

/** The files named, folders read for their *.json files (sorted; anything else in them ignored). */
export async function studyFiles(paths: readonly string[]): Promise<{ files: string[]; missing: SkippedFile[] }> {
  const files: string[] = [];
  const missing: SkippedFile[] = [];
  for (const path of paths) {
    const found = await stat(path).catch(() => null);
    if (found === null) missing.push({ file: path, reason: 'no such file or folder' });
    else if (found.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
      files.push(...names.map((name) => join(path, name)));
    } else files.push(path);
  }
  return { files, missing };
}

type ReadStudy = { file: string; study: RegistryStudy } | SkippedFile;

async function readStudy(file: string): Promise<ReadStudy> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { file, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = parseStudy(json);
  return 'problem' in parsed ? { file, reason: parsed.problem } : { file, study: parsed.study };
}

/** Collaborators split into the CROs the known-CRO table recognises and the rest. */
function splitCollaborators(study: RegistryStudy): { cros: KnownCro[]; others: RegistryOrganisation[] } {
  const cros = new Map<string, KnownCro>();
  const others: RegistryOrganisation[] = [];
  for (const collaborator of study.collaborators) {
    const cro = knownCro(collaborator.name);
    if (cro) cros.set(cro.id, cro);
    else others.push(collaborator);
  }
  return { cros: [...cros.values()], others };
}

export async function importStudies(
  databases: Pick<Record<Party, Database>, 'sites' | 'sponsors' | 'cros'>,
  paths: readonly string[],
  progress: ImportProgress = silent,
): Promise<ImportSummary> {
  const started = Date.now();
  const { files, missing } = await studyFiles(paths);
  const summary: ImportSummary = {
    files: files.length,
    studies: { created: 0, updated: 0, unchanged: 0, superseded: 0 },
    sponsorsCreated: 0,
    sitesCreated: 0,
    locationsMatched: 0,
    trialSitesCreated: 0,
    crosCreated: 0,
    engagementsCreated: 0,
    collaborators: 0,
    skipped: [...missing],
    skippedLocations: [],
    seconds: 0,
  };

  // The newest record of each study: an older copy of it in the same input changes nothing.
  const newest = new Map<string, { file: string; study: RegistryStudy }>();
  for (const read of await Promise.all(files.map(readStudy))) {
    if (!('study' in read)) {
      summary.skipped.push(read);
      continue;
    }
    const file = basename(read.file);
    summary.skippedLocations.push(...read.study.skippedLocations.map((skipped) => ({ file, ...skipped })));
    const known = newest.get(read.study.nctId);
    if (known) summary.studies.superseded += 1;
    if (!known || read.study.lastUpdatePostedOn > known.study.lastUpdatePostedOn) newest.set(read.study.nctId, read);
  }

  const studies = [...newest.values()].map((read) => read.study);
  progress.start(studies.length);
  // The batches are one bulk load: the three databases are ANALYZEd once, after the last.
  const written = [databases.sites.dataSource, databases.sponsors.dataSource, databases.cros.dataSource];
  try {
    await bulkLoad(written, async () => {
      for (let from = 0; from < studies.length; from += BATCH_SIZE) {
        const batch = studies.slice(from, from + BATCH_SIZE);
        // Sites only for records that will be stored: an older copy of a study adds no sites.
        const toStore = await registryRecordsToStore(databases.sponsors.dataSource, batch);
        const sites = await importRegistrySites(databases.sites.dataSource, batch.filter((study) => toStore.has(study.nctId)));
        const collaborators = new Map(batch.map((study) => [study.nctId, splitCollaborators(study)]));
        const trials = await importRegistryTrials(
          databases.sponsors.dataSource,
          batch.map((study) => ({
            study,
            siteIds: sites.siteIdsByStudy.get(study.nctId) ?? [],
            collaborators: collaborators.get(study.nctId)?.others ?? [],
          })),
        );
        const engagements = await importRegistryEngagements(
          databases.cros.dataSource,
          batch.flatMap((study) => {
            const trial = trials.trials.get(study.nctId);
            return trial ? [{ nctId: study.nctId, ...trial, cros: collaborators.get(study.nctId)?.cros ?? [] }] : [];
          }),
        );
        summary.sitesCreated += sites.created;
        summary.locationsMatched += sites.matched;
        summary.studies.created += trials.studies.created;
        summary.studies.updated += trials.studies.updated;
        summary.studies.unchanged += trials.studies.unchanged;
        summary.sponsorsCreated += trials.sponsorsCreated;
        summary.trialSitesCreated += trials.trialSitesCreated;
        summary.collaborators += trials.collaborators;
        summary.crosCreated += engagements.crosCreated;
        summary.engagementsCreated += engagements.engagementsCreated;
        progress.advance(from + batch.length);
      }
    });
  } finally {
    progress.stop();
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
