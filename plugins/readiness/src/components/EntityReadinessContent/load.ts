/**
 * The one place that imports the Readiness tab lazily. The plugin's
 * extensions and the card's prefetch share it, so bundlers make a single
 * chunk and a prefetched tab is not downloaded twice.
 */
export function loadEntityReadinessContent() {
  return import('./EntityReadinessContent');
}
