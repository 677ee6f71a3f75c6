// The networks' pages, fetched together the first time any of them is shown: one dynamic import in
// the route table instead of three keeps the first load's route list short.
export { NetworkDiscussionPage } from './network-discussion-page.tsx';
export { NetworkItemPage } from './network-item-page.tsx';
export { NetworkPage } from './network-page.tsx';
export { NetworkSessionNewPage } from './network-session-new-page.tsx';
export { NetworkSessionPage } from './network-session-page.tsx';
export { NetworksPage } from './networks-page.tsx';
