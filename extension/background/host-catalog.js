// The platforms and the allowlist of the host's catalog (hello's `catalog.platforms` and
// `catalog.allowlist`, docs/protocol.md). Until a host has answered, or when it sends none (an
// older host), the shipped default of shared/allowlist.js stands in.
"use strict";
(function (OG) {
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

  // Why `list` cannot be the platforms of a catalog, or null when it can.
  function platformsProblem(list) {
    if (!Array.isArray(list) || !list.length) return "catalog.platforms must be a non-empty array";
    const seen = new Set();
    for (const [i, p] of list.entries()) {
      const at = `/catalog/platforms/${i}`;
      if (!p || typeof p !== "object" || typeof p.id !== "string" || !ID.test(p.id)) return `${at}/id is not an id`;
      if (seen.has(p.id)) return `${at}/id: ${p.id} appears twice`;
      seen.add(p.id);
      if (!Array.isArray(p.hosts) || !p.hosts.length || !p.hosts.every((h) => typeof h === "string" && HOST_PATTERN.test(h))) {
        return `${at}/hosts must be a non-empty array of host patterns`;
      }
      if (p.name !== undefined && (!p.name || typeof p.name !== "object" || !Object.values(p.name).every((n) => typeof n === "string"))) {
        return `${at}/name must map languages to texts`;
      }
    }
    return null;
  }

  // Pure: what a hello reply's `catalog` says, each half falling back to the default on its own.
  // Returns {platforms: [{id, name, hosts}], allowlist, problems: [text]}.
  function fromHello(catalog) {
    const problems = [];
    let platforms = OG.allowlist.DEFAULT_PLATFORMS.map(({ id, hosts }) => ({ id, name: null, hosts }));
    let allowlist = OG.allowlist.DEFAULT_HOSTS;
    if (catalog && catalog.platforms !== undefined) {
      const problem = platformsProblem(catalog.platforms);
      if (problem) problems.push(problem);
      else platforms = catalog.platforms.map((p) => ({ id: p.id, name: p.name || null, hosts: [...p.hosts] }));
    }
    if (catalog && catalog.allowlist !== undefined) {
      const problem = OG.allowlist.hostListProblem(catalog.allowlist);
      if (problem) problems.push(`/catalog/allowlist: ${problem}`);
      else allowlist = [...catalog.allowlist];
    }
    return { platforms, allowlist, problems };
  }

  // Pure: the id of the platform whose hosts cover `hostname`, or null.
  function platformForHost(platforms, hostname) {
    const p = platforms.find((x) => x.hosts.some((h) => OG.pageMatch.hostMatches(h, hostname)));
    return p ? p.id : null;
  }

  // Follows the connection's hello: `sync()` takes up a new hello reply (and makes its allowlist
  // the one every check of this background uses) the first time it is seen.
  class HostCatalog {
    constructor({ hello }) {
      this.hello = hello; // () => the current hello status, or null
      this.seen = undefined;
      this.sync();
    }

    sync() {
      const hello = this.hello();
      if (hello === this.seen) return this;
      this.seen = hello;
      const view = fromHello(hello && hello.catalog);
      for (const p of view.problems) console.warn("optout-guide: the host's catalog header is unusable, the shipped default stays:", p);
      this.platforms = view.platforms;
      OG.allowlist.use(view.allowlist);
      return this;
    }

    platformForUrl(url) {
      let host;
      try {
        host = new URL(String(url)).hostname;
      } catch {
        return null;
      }
      return platformForHost(this.platforms, host);
    }

    // What the popup shows: platform ids and names in catalog order, and the allowlist.
    view() {
      return { platforms: this.platforms.map(({ id, name }) => ({ id, name })), allowlist: [...OG.allowlist.current()] };
    }
  }

  OG.HostCatalog = HostCatalog;
  OG.hostCatalog = { platformsProblem, fromHello, platformForHost };
})(globalThis.OptoutGuide);
