// Markdown written by users, rendered safely: raw HTML is dropped, link targets pass react-markdown's
// URL filter (no javascript:), links carry rel="noopener noreferrer nofollow", images become links
// (no third-party requests on page load), and headings start below the page's own headings. A post
// with more markup than any ordinary one is shown as typed (contracts' markdown budget): the parser
// would freeze every reader's tab on it.
import Markdown, { type Components } from 'react-markdown';
import { parsesCheaply } from '@dialogforum/contracts';

const REL = 'noopener noreferrer nofollow';

const links: Components = {
  // A link whose target the URL filter removed (javascript: and the like) is shown as its text.
  a: ({ node: _node, href, children, ...rest }) =>
    href ? (
      <a {...rest} href={href} rel={REL}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} rel={REL}>
        {alt || src}
      </a>
    ) : null,
};

/** Posts' headings start at h3, under the page's h1 and its sections' h2. */
const postComponents: Components = {
  ...links,
  h1: ({ node: _node, ...rest }) => <h3 {...rest} />,
  h2: ({ node: _node, ...rest }) => <h4 {...rest} />,
  h3: ({ node: _node, ...rest }) => <h5 {...rest} />,
  h4: ({ node: _node, ...rest }) => <h6 {...rest} />,
  h5: ({ node: _node, ...rest }) => <h6 {...rest} />,
};

/** A whole page's text (the agency's terms, say) starts its headings at h2, under the page's h1. */
const pageComponents: Components = {
  ...links,
  h1: ({ node: _node, ...rest }) => <h2 {...rest} />,
  h2: ({ node: _node, ...rest }) => <h2 {...rest} />,
  h3: ({ node: _node, ...rest }) => <h3 {...rest} />,
  h4: ({ node: _node, ...rest }) => <h4 {...rest} />,
  h5: ({ node: _node, ...rest }) => <h5 {...rest} />,
};

export function SafeMarkdown({ source, headingsFrom = 3 }: { source: string; headingsFrom?: 2 | 3 }) {
  if (!parsesCheaply(source)) {
    return (
      <div className="markdown markdown-as-typed">
        <p>{source}</p>
      </div>
    );
  }
  return (
    <div className="markdown">
      <Markdown skipHtml components={headingsFrom === 2 ? pageComponents : postComponents}>
        {source}
      </Markdown>
    </div>
  );
}
