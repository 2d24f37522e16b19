export { AdoptionByTeamTable } from './AdoptionByTeamTable';
