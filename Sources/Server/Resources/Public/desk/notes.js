// Call notes (电话小结) after a call: the disposition code and text saved on the call's CDR
// (PUT /api/v1/cdrs/{id}/note), and the agent's own recent calls with their notes.

import { $, APIError, api, element } from "../shared/api.js";

let pendingCallId = null;

/** Fills the disposition picker from the desk settings. */
export function setDispositions(codes, i18n) {
  const select = $("#note-disposition");
  const chosen = select.value;
  select.replaceChildren(...codes.map((code) => element("option", i18n.language === "en" ? code.name_en : code.name_zh, { value: code.code })));
  if (chosen) select.value = chosen;
}

/** Opens the note form for the call that just ended. */
export function openNote(callId, i18n) {
  pendingCallId = callId;
  $("#note-call").textContent = `${i18n.t("noteFor")} ${callId}`;
  $("#note-save").disabled = false;
  $("#note-status").textContent = "";
}

/** The agent's CDR for `callId`, looked up in their own recent records. */
async function recordOf(callId) {
  const page = await api("GET", "/api/v1/cdrs?limit=50");
  return page.items.find((record) => record.call_id === callId) || null;
}

/** Wires the form: saving writes the note on the call's record. */
export function wireNotes(i18n, { onSaved }) {
  $("#note-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!pendingCallId) return;
    const status = $("#note-status");
    try {
      const record = await recordOf(pendingCallId);
      if (!record) throw new APIError(404, "not_found", i18n.t("noRecord"));
      await api("PUT", `/api/v1/cdrs/${encodeURIComponent(record.id)}/note`, {
        disposition: $("#note-disposition").value, text: $("#note-text").value,
      });
      status.textContent = i18n.t("noteSaved");
      status.className = "ok";
      $("#note-text").value = "";
      onSaved();
    } catch (error) {
      status.textContent = error.describe ? error.describe() : String(error);
      status.className = "error";
    }
  });
}

/** Lists the agent's latest calls with the note of each. */
export async function loadMyCalls(i18n) {
  const page = await api("GET", "/api/v1/cdrs?limit=10");
  const rows = await Promise.all(page.items.map(async (record) => {
    const note = await api("GET", `/api/v1/cdrs/${encodeURIComponent(record.id)}/note`).then((result) => result.note).catch(() => null);
    const row = element("tr", null, { "data-cdr": record.id, "data-call": record.call_id });
    row.append(element("td", new Date(record.arrived_at).toLocaleString(i18n.language)), element("td", record.caller),
      element("td", record.disposition), element("td", note ? `${note.disposition}: ${note.text}` : "—", { class: "note" }));
    return row;
  }));
  $("#my-calls").replaceChildren(...rows);
}
