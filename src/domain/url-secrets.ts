// URLs that carry secrets, and their display form.
//
// Group robots put their key in the URL: WeCom `?key=…`, DingTalk
// `?access_token=…`, Feishu `/open-apis/bot/v2/hook/<token>`; a feed may carry
// `user:password@`. Such URLs are sealed at rest; lists, logs, audit entries
// and error texts only ever see the masked form from here: credentials and
// every query value become `***`, and so does any path segment after `hook`
// or that looks like a token (long, letters and digits mixed).

const MASK = '***';
const TOKEN_SEGMENT = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$/;

export function maskUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return '(invalid url)';
  }
  const creds = u.username || u.password ? `${MASK}@` : '';
  const segments = u.pathname.split('/');
  const path = segments
    .map((s, i) => (s && (TOKEN_SEGMENT.test(s) || /^hooks?$/i.test(segments[i - 1] ?? '')) ? MASK : s))
    .join('/');
  const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${MASK}`).join('&');
  return `${u.protocol}//${creds}${u.host}${path}${query ? `?${query}` : ''}`;
}

/** True when the URL holds something maskUrl hides (then it must be sealed at rest). */
export function urlHasSecret(raw: string): boolean {
  try {
    const u = new URL(raw);
    return maskUrl(raw) !== `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return false;
  }
}

/** Every URL inside a free text (an error message, say) masked. */
export function maskUrlsInText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>)]+/gi, (m) => maskUrl(m));
}
