// The catalog the extension carries (catalog/bundled.js, made from host/catalog at release) is
// offered to a host whose catalog is older: the host validates it like an override and keeps
// it (docs/protocol.md, offerCatalog). So a catalog fix reaches people through the browsers'
// extension updates, without a new host build. A refusal is kept to be shown, never retried
// in a loop: the next offer comes with the next connection.
"use strict";
(function (OG) {
  // Pure: should `bundled` be offered to a host whose hello says `hostCatalog`?
  function shouldOffer(bundled, hostCatalog) {
    if (!bundled || !bundled.header || !Number.isSafeInteger(bundled.header.version)) return false;
    if (!hostCatalog || !Number.isSafeInteger(hostCatalog.version)) return false;
    return bundled.header.version > hostCatalog.version;
  }

  class CatalogOffer {
    constructor({ connection, bundled }) {
      this.connection = connection;
      this.bundled = bundled || null;
      this.last = null; // {version, accepted, error?, at} of the last offer, for the popup
    }

    // Called with each new connection's hello reply.
    async offer(hello) {
      if (!shouldOffer(this.bundled, hello && hello.catalog)) return this.last;
      const version = this.bundled.header.version;
      let reply;
      try {
        reply = await this.connection.request({ type: "offerCatalog",
          catalog: { header: this.bundled.header, procedures: this.bundled.procedures } });
      } catch (err) {
        this.last = { version, accepted: false, error: err, at: Date.now() };
        return this.last;
      }
      if (!reply.ok) {
        console.warn("optout-guide: the host refused the catalog this extension carries:", reply.error.message);
        this.last = { version, accepted: false, error: reply.error, at: Date.now() };
        return this.last;
      }
      this.last = { version, accepted: !!reply.accepted, serving: reply.serving, at: Date.now() };
      // The host now serves another catalog: its platforms and allowlist come with a new hello.
      if (reply.accepted) await this.connection.refreshHello();
      return this.last;
    }
  }

  OG.CatalogOffer = CatalogOffer;
  OG.catalogOffer = { shouldOffer };
})(globalThis.OptoutGuide);
