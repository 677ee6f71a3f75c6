// The relay's pages, fetched together the first time any of them is shown: one dynamic import in
// the route table instead of three keeps the first load's route list short (its budget is tight).
export { HandoverPage, RelayNewPage } from './relay-edit-pages.tsx';
export { RelayProjectPage } from './relay-project-page.tsx';
