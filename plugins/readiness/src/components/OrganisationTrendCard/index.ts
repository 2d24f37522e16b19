export { OrganisationTrendCard } from './OrganisationTrendCard';
