// Fetches the host's record (exportRecord, paged), or its mismatch reports (listReports), and
// hands it to the browser as a download.
// A blob link clicked in the popup: no downloads permission, nothing leaves the machine.
"use strict";
(function (OG) {
  // Asks the host for `request` page by page (cursor, then nextCursor until null), handing each
  // reply to `each`; resolves with the last reply.
  async function eachPage(send, request, each) {
    let cursor = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const reply = await send({ type: "host", request: { ...request, cursor } });
      if (!reply || !reply.ok) throw (reply && reply.error) || { code: "host_unreachable", message: "no reply" };
      each(reply);
      if (reply.nextCursor === null || reply.nextCursor === undefined) return reply;
      cursor = reply.nextCursor;
    }
    throw { code: "internal", message: `${request.type} never ended` };
  }

  async function fetchRecord(send, format, uiLang) {
    const chunks = [];
    const last = await eachPage(send, { type: "exportRecord", format, uiLang }, (r) => chunks.push(String(r.chunk ?? "")));
    return { text: chunks.join(""), generatedAt: last.generatedAt, total: last.total };
  }

  // The "This isn't what I see" notes (listReports), as the file `report --export` writes: the
  // host's header (its "about" in the popup's language), then every report.
  async function fetchReports(send, uiLang) {
    const reports = [];
    const { about, hostVersion, catalogVersion, generatedAt } = await eachPage(send, { type: "listReports", uiLang },
      (r) => reports.push(...(r.reports || [])));
    return { about, catalogVersion, generatedAt, hostVersion, reports };
  }

  function filename(format, date = new Date(), name = "record") {
    return `optout-guide-${name}-${date.toISOString().slice(0, 10)}.${format === "json" ? "json" : "html"}`;
  }

  function save(doc, text, format, name = "record") {
    const type = format === "json" ? "application/json" : "text/html";
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = doc.createElement("a");
    a.href = url;
    a.download = filename(format, new Date(), name);
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
      a.remove();
    }, 60000);
    return a.download;
  }

  OG.exportRecord = { fetchRecord, fetchReports, filename, save };
})(globalThis.OptoutGuide);
