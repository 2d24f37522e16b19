export interface Config {
  /** Production-readiness scorecards. */
  readiness?: {
    /**
     * Where the check reference lives: each check links to
     * `<docsBaseUrl>#<check id>`. Default: `docs/checks.md` on `main` of the
     * repository named in the plugin's package.json. Point it at your own
     * copy, e.g. in TechDocs.
     * @visibility frontend
     */
    docsBaseUrl?: string;
  };
}
