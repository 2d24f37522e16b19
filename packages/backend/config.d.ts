export interface Config {
  scaffolder?: {
    /**
     * The demo portal's `publish:local` and `catalog:register:local`
     * actions (src/modules/demoScaffolderActions), for development portals
     * without network access. Unset, the actions refuse to run.
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
