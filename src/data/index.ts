/**
 * The pages' one door: the bridge from Astro's content layer to `src/lib`. It loads the collection
 * once per build and computes each figure set once, so every page, feed and JSON file shows the same
 * figure, and pages only render what they are handed.
 */
import { readFileSync } from 'node:fs';
import { AstroError } from 'astro/errors';
import { relative, resolve, sep } from 'node:path';
import { gitHistory } from '../node/git-history';
import { getCollection, getEntry, render, type CollectionEntry } from 'astro:content';
import { buildArchive } from '../lib/model/archive';
import { computeStats } from '../lib/figures/stats';
import { recurrenceList, recurrencesAfterFix, recurrencesByCause, recurringServiceCauses, rootCauseIndex, rootCauseProfiles } from '../lib/figures/causes';
import { serviceProfiles } from '../lib/figures/services';
import { actionItemFigures, postmortemActionRows, unfinished } from '../lib/figures/action-items';
import { ownerDirectory } from '../lib/figures/owners';
import { groupTrainingGaps, lessonFigures, trainingFigures } from '../lib/figures/learning';
import { listPages, PAGE_SIZES } from '../lib/present/paging';
import { archiveFacets } from '../lib/figures/facets';
import { archiveChunks, archivePages, archiveRows } from '../lib/present/archive-rows';
import { computeTrends } from '../lib/figures/trends';
import { completeness } from '../lib/figures/completeness';
import { incidentsPerQuarterChart, trendCharts } from '../lib/present/chart-specs';
import { pageOutline, type OutlinePart } from '../lib/present/outline';
import { glance, linkActionItems } from '../lib/present/glance';
import { postmortemFacts } from '../lib/present/facts';
import { timelineRows } from '../lib/present/timeline';
import { postmortemLinks } from '../lib/model/links';
import { relatedLists, similarReasons } from '../lib/present/related';
import { similarIncidents, similarLookup, type SimilarLookup } from '../lib/learning/similar';
import { keptWords, type DocumentWords } from '../lib/learning/text-model';
import { searchFilters } from '../lib/present/search-data';
import { cacheKeyer } from '../lib/present/cache-keys';
import { formatCount, formatMinutes } from '../lib/present/format';
import { serviceSlug } from '../lib/model/slugs';
import { settings } from 'virtual:hindsight/settings';
import { loadTaxonomy } from '../node/taxonomy-file';
import { loadOwnerNames } from '../node/owners-file';
import { fieldColumn, formatProblem, type ContentProblem } from '../lib/model/postmortem-source';
import { ownersFile, postmortemsDir, taxonomyFile } from '../node/settings';
import { ACTION_COUNT_LABELS } from '../lib/present/labels';
import { completeCsp } from '../lib/checks/csp';
import { cspHash, sha256, sha256Text } from '../node/hashes';
import { bodyFiles } from '../node/body-files';
import { readPostmortemBody } from '../node/postmortem-body';
import { actionItemsUrl } from '../lib/present/urls';
import { contentErrorMessage } from '../node/archive-sources';
import { CONTENT_ERROR_HINT, PROBLEMS_ENTRY } from '../node/postmortem-loader';
import { themeFigures, themesDocument } from '../lib/learning/themes';
import { lessonThemes, postmortemThemes, repeatedFixViews, themeIncidentPages, themesByCause, themeSummary } from '../lib/present/themes-view';

type PostmortemCollectionEntry = CollectionEntry<'postmortems'>;

/**
 * Computes once per build. The dev server reloads content under a running process, so there it
 * computes again whenever what the figures are made from has changed since ({@link devInputs}), and
 * otherwise reuses what the last request computed: clicking from page to page does not compute the
 * archive's figures each time, and a change shows as soon as the content layer has read it.
 */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
	let value: Promise<T> | undefined;
	let madeFrom: string | undefined;
	return () => {
		if (!import.meta.env.DEV) return (value ??= compute());
		return devInputs().then((inputs) => {
			if (value === undefined || inputs !== madeFrom) {
				madeFrom = inputs;
				const computing = compute();
				// A failure (a file read while it was being saved, a content problem) is not kept:
				// the next request tries again.
				computing.catch(() => {
					if (value === computing) value = undefined;
				});
				value = computing;
			}
			return value;
		});
	};
}

/**
 * What the archive's figures are made from, as one text, in the dev server: each postmortem file
 * (its id, path and the content layer's digest of all its text), the problems found in them, and
 * the taxonomy and owners files. Settings do not change under a running server, and the one figure
 * from outside these files, the git history, is read for each request.
 */
async function devInputs(): Promise<string> {
	const [entries, problems] = await Promise.all([getCollection('postmortems'), getEntry('contentProblems', PROBLEMS_ENTRY)]);
	const fileText = (file: string) => {
		try {
			return readFileSync(file, 'utf8');
		} catch {
			return '';
		}
	};
	return [
		...entries.map((e) => `${e.id}\0${e.filePath}\0${e.digest}`),
		JSON.stringify(problems?.data ?? null),
		fileText(taxonomyFile(settings.contentDir)),
		fileText(ownersFile(settings.contentDir)),
	].join('\n');
}

/**
 * The dev server keeps running on a broken content file and stores its problems instead of failing
 * (`postmortem-loader.ts`). Every page made from the archive throws them, so the author sees
 * Astro's error overlay, with the first problem's file and line shown, not a page made without the
 * broken file. The guides stay readable.
 */
async function throwContentProblems(): Promise<void> {
	const problems: ContentProblem[] = (await getEntry('contentProblems', PROBLEMS_ENTRY))?.data.problems ?? [];
	if (!problems.length) return;
	const message = contentErrorMessage(problems);
	const error = new AstroError(message, CONTENT_ERROR_HINT);
	const first = problems.find((p) => p.line) ?? problems[0]!;
	const file = resolve(first.file);
	let fullCode: string | undefined;
	try {
		fullCode = readFileSync(file, 'utf8');
	} catch {
		// Gone since it was read: the message still names it.
	}
	const line = first.line ?? 1;
	// The caret under the field's name, not under its indentation.
	const column = first.column ?? fieldColumn(fullCode?.split('\n')[line - 1] ?? '');
	// What the overlay shows: the file with the field's line marked (Astro reads `fullCode` itself
	// only for files inside the project), and no stack trace, which would point into this module.
	Object.assign(error, {
		name: 'ContentError',
		title: new Set(problems.map((p) => p.file)).size === 1 ? 'A content file must be fixed' : 'Content files must be fixed',
		loc: { file, line, column },
		fullCode,
		stack: message,
	});
	throw error;
}

const loadEntries = once(async () => {
	if (import.meta.env.DEV) await throwContentProblems();
	return getCollection('postmortems').then((list) => new Map(list.map((e) => [e.id, e])));
});

/** A postmortem's body as written (the content store keeps none: `node/postmortem-body.ts`). */
const postmortemBody = (pm: { filePath?: string | undefined }) => (pm.filePath ? readPostmortemBody(resolve(pm.filePath)) : '');

/** The archive of this build: the edition's postmortems, newest first. */
export const getArchive = once(() =>
	loadEntries().then((list) => {
		const entries = [...list.values()].map((entry) => ({ id: entry.id, filePath: entry.filePath, data: entry.data }));
		return buildArchive(entries, {
			edition: settings.edition,
			includeDrafts: settings.includeDrafts,
			buildDate: settings.buildDate,
			taxonomy: loadTaxonomy(taxonomyFile(settings.contentDir)),
		});
	})
);

// On the global object: a content change evaluates this module again, and the words of the texts
// that did not change are what the next request needs.
const devWords = () => ((globalThis as { hindsightDevWords?: DocumentWords }).hindsightDevWords ??= keptWords());

/**
 * Every postmortem's similar incidents, from the text model of this edition's postmortems alone
 * (the archive's), their bodies as written, unrendered. The dev server renders one page after an
 * edit, so it scores that page's list alone, and splits into words only the texts that changed; a
 * build renders every page, so it scores them all at once and lets the text model go, which at
 * 20,000 postmortems is a large share of its memory.
 */
const getSimilar = once(async (): Promise<SimilarLookup> => {
	const archive = await getArchive();
	const bodyOf = (id: string) => postmortemBody(archive.byId.get(id)!);
	if (import.meta.env.DEV) return similarLookup(archive.postmortems, bodyOf, { words: devWords() });
	const all = similarIncidents(archive.postmortems, bodyOf);
	return (id) => all.get(id);
});

/** Each postmortem's similar incidents as `/api/postmortems.json` lists them. */
export const getSimilarRecords = once(async () => {
	const [archive, similar] = await Promise.all([getArchive(), getSimilar()]);
	return (id: string) => (similar(id) ?? []).map((s) => ({ id: s.id, score: s.score, because: similarReasons(s.because, archive) }));
});

/** The content entry behind a postmortem, for rendering its MDX body. */
async function getPostmortemEntry(id: string): Promise<PostmortemCollectionEntry> {
	const entry = (await loadEntries()).get(id);
	if (!entry) throw new Error(`No postmortem with id "${id}"`);
	return entry;
}

/**
 * The edition's action-item owners, named by `owners.yaml` where it names them. The content loader
 * has already refused a bad file, with its lines; this reads the same file again.
 */
const getOwners = once(async () => {
	const archive = await getArchive();
	const { names, problems } = loadOwnerNames(ownersFile(settings.contentDir));
	if (problems.length) throw new Error(problems.map(formatProblem).join('\n'));
	return ownerDirectory(
		archive.postmortems.flatMap((pm) => pm.actionItems.map((item) => item.owner)),
		names
	);
});

const getTrainingGaps = once(() => getArchive().then((a) => groupTrainingGaps(a.postmortems)));

/** The aggregate figures of this build (`/api/stats.json`). */
export const getStats = once(async () => {
	const a = await getArchive();
	return computeStats(a.postmortems, { edition: a.edition, buildDate: a.buildDate, rootCause: a.rootCause, trainingGaps: await getTrainingGaps() });
});

/** The home page's headline figures, each linking to the page behind it, and the latest postmortems. */
export const getOverview = once(async () => {
	const [archive, stats] = await Promise.all([getArchive(), getStats()]);
	const recurringCauses = stats.rootCauses.filter((c) => c.recurring).length;
	const figures = [
		{ label: 'Postmortems', value: formatCount(stats.count), href: '/postmortems/' },
		{ label: 'Median duration', value: formatMinutes(stats.durationMinutes.median), detail: `p90 ${formatMinutes(stats.durationMinutes.p90)}`, href: '/trends/#duration-per-quarter' },
		{ label: 'Median time to detect', value: formatMinutes(stats.timeToDetectMinutes.median), href: '/trends/#detect-mitigate-per-quarter' },
		{ label: 'Recurring root causes', value: formatCount(recurringCauses), href: '/root-causes/' },
		// The ledger's own words and counts: "not done" is open and in progress together.
		{ label: `${ACTION_COUNT_LABELS.total} ${ACTION_COUNT_LABELS.notDone.toLowerCase()}`, value: formatCount(unfinished(stats.actionItems)), href: actionItemsUrl() },
		{ label: `${ACTION_COUNT_LABELS.overdue} ${ACTION_COUNT_LABELS.total.toLowerCase()}`, value: formatCount(stats.actionItems.overdue), href: `${actionItemsUrl()}#overdue` },
	];
	return { stats, figures, latest: archive.postmortems.slice(0, 6) };
});

/** Everything `/action-items/` and its ledgers (by owner, by type, overdue) show. */
export const getActionItems = once(async () => {
	const [archive, stats, owners] = await Promise.all([getArchive(), getStats(), getOwners()]);
	return { ...actionItemFigures(archive.postmortems, owners, stats.actionItems, archive.buildDate), buildDate: archive.buildDate };
});

/** Everything `/lessons/`, each kind's and each tag's pages show. */
export const getLessons = once(() => getArchive().then((a) => ({ ...lessonFigures(a.postmortems), postmortems: a.postmortems.length })));

/** Everything `/training/`, each topic's pages and the onboarding pages show. */
export const getTraining = once(async () => {
	const archive = await getArchive();
	return trainingFigures(await getTrainingGaps(), archive.postmortems, archive.rootCause);
});

/** The archive's filters. */
export const getArchiveFacets = once(() => getArchive().then((a) => archiveFacets(a.postmortems, a.rootCause, serviceSlug)));

/** Everything `/postmortems/` and `/archive/<n>/` show, and the chunks their filters load. */
export const getArchiveListing = once(async () => {
	const [archive, facets] = await Promise.all([getArchive(), getArchiveFacets()]);
	const rows = archiveRows(archive);
	return { edition: archive.edition, facets, pages: archivePages(rows), chunks: archiveChunks(rows) };
});

/** Every chart of `/trends/`. */
export const getTrendCharts = once(() => getArchive().then((a) => trendCharts(computeTrends(a.postmortems, a.rootCause))));

const getRecurrences = once(() => getArchive().then((a) => recurrencesAfterFix(a.postmortems)));

/** Every named root cause with its incidents and figures. */
const getRootCauseProfiles = once(() =>
	getArchive().then((a) => rootCauseProfiles(a.postmortems, a.rootCause, serviceSlug))
);

/** Everything `/root-causes/` shows. */
export const getRootCauseIndex = once(async () => {
	const [archive, profiles, recurrences] = await Promise.all([getArchive(), getRootCauseProfiles(), getRecurrences()]);
	return {
		profiles,
		...rootCauseIndex(profiles, recurrences, recurringServiceCauses(archive.postmortems, serviceSlug)),
		recurring: profiles.filter((p) => p.recurring).length,
	};
});

/** Each root cause's pages: its profile, its chart, its incidents in pages and its fixes that did not hold. */
export const getRootCausePages = once(async () => {
	const [profiles, recurrences] = await Promise.all([getRootCauseProfiles(), getRecurrences()]);
	const byCause = recurrencesByCause(recurrences);
	return profiles.map((profile) => ({
		profile,
		pages: listPages(profile.incidents, PAGE_SIZES.incidents),
		recurrences: recurrenceList(byCause.get(profile.id) ?? []),
		chart: incidentsPerQuarterChart(`cause-${profile.id}`, profile.name.toLowerCase(), profile.incidents),
	}));
});

/** Every service with its incident history. */
export const getServiceProfiles = once(() =>
	getArchive().then((a) => serviceProfiles(a.postmortems, a.rootCause, serviceSlug))
);

/** Each service's pages: its profile, its chart and its incidents in pages. */
export const getServicePages = once(async () =>
	(await getServiceProfiles()).map((service) => ({
		service,
		pages: listPages(service.incidents, PAGE_SIZES.incidents),
		chart: incidentsPerQuarterChart(`service-${service.slug}`, service.name, service.incidents),
	}))
);

/** The sections of a postmortem's page around its body, in page order. */
export type PostmortemPageSection = 'facts' | 'timeline' | 'factors' | 'lessons' | 'actions' | 'training' | 'themes' | 'links';
type PageSection = PostmortemPageSection;

/**
 * Everything a postmortem's page shows but its rendered body: its strip, facts, action items,
 * links and search filters, for authors its completeness; and its body's text with the digests of
 * the files it refers to. Its cache key is the digest of this view. The body is in it because
 * Astro's own tracking of rendered entries misses a body outside the project's folder (as with
 * `HINDSIGHT_CONTENT_DIR`) or reached through a symbolic link. It is computed for the key and again
 * for the page, from the same data computed once per build; kept in between, the views of every
 * postmortem would add 80 MB to the build's peak memory at N = 1,000.
 */
export async function getPostmortemView(id: string) {
	const [archive, owners, similar] = await Promise.all([getArchive(), getOwners(), getSimilar()]);
	const pm = archive.byId.get(id)!;
	const body = postmortemBody(pm);
	return {
		pm,
		body,
		bodyFiles: pm.filePath ? bodyFiles(resolve(pm.filePath), body).map((file) => sha256(readFileSync(file))) : [],
		glance: glance(pm, { buildDate: archive.buildDate }),
		facts: postmortemFacts(pm, archive),
		actionItems: postmortemActionRows(pm, owners, archive.buildDate),
		timeline: timelineRows(pm.timeline, pm.started),
		related: relatedLists(postmortemLinks(archive, pm.id, similar(pm.id)), archive),
		themes: postmortemThemes(await getThemes(), pm.id),
		searchFilters: searchFilters(pm, archive),
		// Authors see how complete their postmortem is; the public edition's readers do not need to.
		score: archive.edition === 'internal' ? completeness(pm, body) : undefined,
		source: await getSourceInfo(pm),
	};
}

export type PostmortemView = Awaited<ReturnType<typeof getPostmortemView>>;

/** A postmortem's body rendered, with the page's sections around it and "On this page". */
export async function renderPostmortem({ pm, glance: strip, themes }: PostmortemView) {
	const { Content, headings: body } = await render(await getPostmortemEntry(pm.id));
	const section = (key: PageSection, text: string, shown: boolean): OutlinePart<PageSection>[] => (shown ? [{ section: key, text }] : []);
	const outline = pageOutline<PageSection>([
		...section('facts', 'Facts', true),
		...section('timeline', 'Timeline', pm.timeline.length > 0),
		...section('factors', 'Contributing factors', pm.contributingFactors.length > 0),
		{ body },
		...section('lessons', 'Lessons learned', pm.lessons.length > 0),
		...section('actions', 'Action items', pm.actionItems.length > 0),
		...section('training', 'Training gaps', pm.trainingGaps.length > 0),
		...section('themes', 'Themes', themes.length > 0),
		...section('links', 'Related and similar incidents', true),
	], { bodyTakesSections: !pm.filePath?.endsWith('.md') });
	const sections = outline.sections;
	return {
		Content,
		headings: outline.headings,
		sections,
		/** Where the body shows a section (components/BodySectionSlot.astro). */
		bodyPage: {
			sectionAt: Object.fromEntries(
				Object.entries(sections).flatMap(([key, s]) => (s?.inBody ? [[body.findIndex((h) => h.slug === s.id), key as PageSection]] : []))
			),
		},
		glance: linkActionItems(strip, sections.actions && `#${sections.actions.id}`),
	};
}

/**
 * Paths for a `getStaticPaths`, each with its cache key for incremental builds
 * (`lib/present/cache-keys.ts`): the digest of what the page renders (`shown`: its props, unless
 * it renders a view of its own) and of this build's settings. The build date is left out of the
 * settings: it reaches the pages that show it, or what it makes overdue, through what they render,
 * so the other pages are not rendered again each new day. A new page type is keyed by wrapping what
 * its `getStaticPaths` returns, `paginate()`'s pages included: `return withCacheKeys(paginate(rows,
 * { pageSize: 100 }))`; it must then render from its props alone.
 */
export async function withCacheKeys<P extends { params: object; props?: object }>(
	paths: readonly P[],
	shown: (path: P) => unknown = (path) => path.props
): Promise<(P & { cacheKey?: string })[]> {
	// The dev server renders each request afresh: there a key would only cost time.
	if (import.meta.env.DEV) return [...paths];
	const { buildDate: _shownThroughThePages, ...site } = settings;
	return Promise.all(paths.map(async (path) => ({ ...path, cacheKey: keyer.key(await shown(path), site) })));
}

// One for the whole build, so that a postmortem shown on many pages is hashed once.
const keyer = cacheKeyer(sha256Text);

/**
 * A rendered page with its Content-Security-Policy completed (`lib/checks/csp.ts`): the middleware
 * hands it every page as it is rendered. It is here, where every page's module graph reaches it,
 * so that a change to it renders again the pages an incremental build would otherwise copy from
 * the last build; the middleware itself is outside those graphs.
 */
export function completePage(html: string): string {
	return completeCsp(html, cachedCspHash);
}

// Every page holds the same inline scripts and most of the same style attributes: each text is
// hashed once a build. Bounded, as bodies' own style attributes can be many.
const cspHashes = new Map<string, string>();
function cachedCspHash(text: string): string {
	let hash = cspHashes.get(text);
	if (hash === undefined) {
		if (cspHashes.size >= 10_000) cspHashes.clear();
		cspHashes.set(text, (hash = cspHash(text)));
	}
	return hash;
}

const postmortemsFolder = () => postmortemsDir(settings.contentDir);
// A commit changes no content file, so the dev server reads the history again for each request.
const getGitHistory = import.meta.env.DEV ? () => gitHistory(postmortemsFolder()) : once(async () => gitHistory(postmortemsFolder()));

/** Edit link and last change of a postmortem's source, when the site names its repository. */
async function getSourceInfo(pm: { filePath: string | undefined }): Promise<{ editUrl?: string; lastUpdated?: Date }> {
	const base = settings.editBaseUrl;
	if (!base || !pm.filePath) return {};
	const file = resolve(pm.filePath);
	const history = await getGitHistory();
	// The link names the file as its own repository does: content kept in a repository of its
	// own would otherwise get a path from this project's root, climbing out with `../`.
	const path = history ? history.prefix + relative(postmortemsFolder(), file).split(sep).join('/') : pm.filePath;
	const lastUpdated = history?.lastChanged.get(file);
	return { editUrl: new URL(path, base).href, ...(lastUpdated ? { lastUpdated } : {}) };
}

// --- Themes and repeated fixes (issue 14, part B) ------------------------------------------------

/**
 * The edition's themes and repeated fixes, computed once per build from its postmortems alone:
 * a public build's themes never see an internal postmortem.
 */
export const getThemes = once(() => getArchive().then((a) => themeFigures(a.postmortems)));

/** `/api/themes.json`. */
export const getThemesDocument = once(async () => themesDocument(await getThemes(), (await getArchive()).edition));

/** `/themes/` in pages, and how many postmortems the themes are drawn from. */
export const getThemeList = once(async () => {
	const [figures, archive] = await Promise.all([getThemes(), getArchive()]);
	return {
		pages: listPages(figures.themes, PAGE_SIZES.themes),
		postmortems: archive.postmortems.length,
		recurring: figures.themes.filter((t) => t.recurringAfterFix !== null).length,
	};
});

/** Each theme's pages: the theme and its incidents, with what each wrote in it. */
export const getThemePages = once(async () =>
	(await getThemes()).themes.map((theme) => ({ theme: themeSummary(theme), pages: themeIncidentPages(theme) }))
);

/** The themes `/lessons/` links to. */
export const getLessonThemes = once(async () => {
	const { themes } = await getThemes();
	return { links: lessonThemes(themes), total: themes.length };
});

/** The themes each root cause's page links to, by cause id. */
export const getCauseThemes = once(async () => themesByCause((await getThemes()).themes));

/** `/action-items/`'s repeated fixes and their own pages. */
export const getRepeatedFixes = once(async () => repeatedFixViews((await getThemes()).repeatedFixes));

