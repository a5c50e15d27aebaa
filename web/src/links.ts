// Splits a message body into text and links. Only http(s) URLs become links;
// everything is rendered by React as text, so a body can never become markup.
export type Piece = { text: string } | { text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that usually ends the sentence, not the URL.
const TRAILING = /[.,;:!?)\]}]+$/;

export function linkPieces(body: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_RE)) {
    let url = match[0];
    const trail = TRAILING.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trail.length);
    const start = match.index;
    if (start > last) pieces.push({ text: body.slice(last, start) });
    const href = safeHref(url);
    pieces.push(href ? { text: url, href } : { text: url });
    last = start + url.length;
  }
  if (last < body.length) pieces.push({ text: body.slice(last) });
  return pieces;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
