export { ClusterMatchesGit, DriftFromGit } from './DriftFromGit';
