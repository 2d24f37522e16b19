export interface Config {
  /** Production-readiness scorecards. */
  readiness?: {
    /**
     * Where the check reference lives: each built-in check links to
     * `<docsBaseUrl>#<check id>` (custom checks link to their own `docsUrl`).
     * Default: `docs/checks.md` on `main` of the repository named in the
     * plugin's package.json. Point it at your own copy, e.g. in TechDocs.
     * @visibility frontend
     */
    docsBaseUrl?: string;
  };
}
