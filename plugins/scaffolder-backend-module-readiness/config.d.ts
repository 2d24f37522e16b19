export interface Config {
  scaffolder?: {
    /**
     * The `publish:local` and `catalog:register:local` actions, for
     * development portals without network access. Leave unset in
     * production: the actions then refuse to run.
     */
    localPublish?: {
      /**
       * Folder new repositories are written to, as `<owner>/<repo>`
       * inside it; relative to the backend's working directory. The
       * catalog must read it too: list a `file` location in
       * `catalog.locations` whose target is a glob for the
       * `catalog-info.yaml` files two levels below this folder.
       */
      directory?: string;
    };
  };
}
