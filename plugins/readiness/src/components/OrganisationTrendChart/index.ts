export { OrganisationTrendChart } from './OrganisationTrendChart';
