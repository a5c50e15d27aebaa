// A message body as text, its http(s) links clickable and unable to reach back into this tab.
import { linkPieces } from '../links.js';

export function MessageBody({ body }: { body: string }) {
  return (
    <p className="body">
      {linkPieces(body).map((piece, i) =>
        'href' in piece
          ? <a key={i} href={piece.href} target="_blank" rel="noopener noreferrer">{piece.text}</a>
          : <span key={i}>{piece.text}</span>)}
    </p>
  );
}
