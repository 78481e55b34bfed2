import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeFeedBytes } from '../../../src/ingest/feeds/decode.ts';
import type { ParseFeedOptions } from '../../../src/ingest/feeds/parse-feed.ts';

// Access to the feedparser test corpus, vendored in test/fixtures/corpora/
// (see its SOURCE.md and LICENSE), so a clone alone runs these tests.

export const CORPUS_URL = new URL('../../fixtures/corpora/feedparser/', import.meta.url);
export const CORPUS_DIR = fileURLToPath(CORPUS_URL);

/** Every *.xml under the corpus, as sorted paths relative to it. */
export function listCorpusFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(CORPUS_DIR + rel, { withFileTypes: true })) {
      const path = rel + entry.name;
      if (entry.isDirectory()) walk(`${path}/`);
      else if (entry.name.endsWith('.xml')) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

export function readCorpusFile(rel: string): Buffer {
  return readFileSync(CORPUS_DIR + rel);
}

export interface CorpusHeader {
  /** The `Expect:` Python expression, trimmed. */
  expect: string | null;
  /** `Header:` lines, by lower-cased name. */
  headers: Record<string, string>;
}

/** Reads the header comment each corpus file starts with. */
export function readCorpusHeader(bytes: Uint8Array): CorpusHeader {
  const comment = /<!--([\s\S]*?)-->/.exec(decodeFeedBytes(bytes).text)?.[1] ?? '';
  const expect = /^Expect:[ \t]*(.*?)\s*$/m.exec(comment)?.[1] ?? null;
  const headers: Record<string, string> = {};
  for (const m of comment.matchAll(/^Header:[ \t]*([\w-]+):[ \t]*(.*?)\s*$/gm)) {
    headers[(m[1] ?? '').toLowerCase()] = m[2] ?? '';
  }
  return { expect, headers };
}

/**
 * What upstream's mock HTTP server gives a file whose path contains "http":
 * the document URL `http://127.0.0.1:8097/<path>`, its Content-Location
 * header resolved against it, and its Content-Type header. Other files are
 * parsed from bytes alone, as upstream does.
 */
export function harnessOptions(rel: string, header: CorpusHeader): ParseFeedOptions {
  if (!rel.includes('http')) return {};
  const documentUrl = `http://127.0.0.1:8097/${rel}`;
  const location = header.headers['content-location'];
  const opts: ParseFeedOptions = { baseUrl: location ? new URL(location, documentUrl).href : documentUrl };
  const contentType = header.headers['content-type'];
  if (contentType !== undefined) opts.contentType = contentType;
  return opts;
}

/** Unescapes a Python string literal body (the corpus uses \uXXXX, \xXX, \\ and \'). */
export function unescapePython(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc: string) =>
    esc.length > 1 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : esc === 'n' ? '\n' : esc === 't' ? '\t' : esc,
  );
}
