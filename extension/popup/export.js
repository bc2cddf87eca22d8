// Fetches the host's record (exportRecord, paged) and hands it to the browser as a download.
// A blob link clicked in the popup: no downloads permission, nothing leaves the machine.
"use strict";
(function (OG) {
  async function fetchRecord(send, format, uiLang) {
    const chunks = [];
    let cursor = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const reply = await send({ type: "host", request: { type: "exportRecord", format, uiLang, cursor } });
      if (!reply || !reply.ok) throw (reply && reply.error) || { code: "host_unreachable", message: "no reply" };
      chunks.push(String(reply.chunk ?? ""));
      if (reply.nextCursor === null || reply.nextCursor === undefined) {
        return { text: chunks.join(""), generatedAt: reply.generatedAt, total: reply.total };
      }
      cursor = reply.nextCursor;
    }
    throw { code: "internal", message: "the record never ended" };
  }

  function filename(format, date = new Date()) {
    return `optout-guide-record-${date.toISOString().slice(0, 10)}.${format === "json" ? "json" : "html"}`;
  }

  function save(doc, text, format) {
    const type = format === "json" ? "application/json" : "text/html";
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = doc.createElement("a");
    a.href = url;
    a.download = filename(format);
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
      a.remove();
    }, 60000);
    return a.download;
  }

  OG.exportRecord = { fetchRecord, filename, save };
})(globalThis.OptoutGuide);
