// The consortia's pages, fetched together the first time any of them is shown: one dynamic import
// in the route table instead of six keeps the first load's route list short (its budget is tight).
export { ConsortiumPage } from './consortium-page.tsx';
export { MyConsortiaPage } from './my-consortia-page.tsx';
export { OpportunityNewPage } from './opportunity-new-page.tsx';
export { OpportunityPage } from './opportunity-page.tsx';
export { ProfileEditPage } from './profile-edit-page.tsx';
export { ProfilePage } from './profile-view-page.tsx';
