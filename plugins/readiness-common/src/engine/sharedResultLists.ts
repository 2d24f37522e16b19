/**
 * One results list for all the objects whose results are the same shared
 * results. An object-scope check turns every object of its kinds into a
 * report (each Service, each HPA: as many as the workloads), and most of
 * them pass it with the check's one shared result: a list each would be
 * tens of thousands of equal arrays kept until the report is returned.
 */
import { CheckResult } from '../types';
import { isSharedResult } from './runCheck';

interface Node {
  list?: CheckResult[];
  next?: Map<CheckResult, Node>;
}

/** Canonical lists of shared results, for one evaluation. */
export class SharedResultLists {
  private readonly root: Node = {};

  /**
   * `results` itself when one of them is not shared, else the list kept
   * for these results, frozen: reports that share it cannot change it.
   */
  canonical(results: CheckResult[]): CheckResult[] {
    let node = this.root;
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      if (!isSharedResult(result)) return results;
      node.next ??= new Map();
      let child = node.next.get(result);
      if (!child) {
        child = {};
        node.next.set(result, child);
      }
      node = child;
    }
    node.list ??= Object.freeze(results) as CheckResult[];
    return node.list;
  }
}
