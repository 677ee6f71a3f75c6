// Text a search found, with its matches marked. The pieces are plain text from the server; React
// renders them as text nodes, so nothing in a post can become markup here.
import type { HighlightedText } from '@dialogforum/contracts';

export function Highlighted({ text }: { text: HighlightedText }) {
  return (
    <>
      {text.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : piece.text))}
    </>
  );
}
