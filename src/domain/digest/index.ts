export * from './types.ts';
export * from './week.ts';
export * from './stats.ts';
export * from './assemble.ts';
export * from './labels.ts';
export * from './dispositions.ts';
export { digestWords, type DigestWords } from './texts.ts';
export { renderDigestHtml, digestTitle, type HtmlOptions } from './render-html.ts';
export { renderDigestMarkdown, MARKDOWN_MAX_BYTES } from './render-markdown.ts';
