// The recordings page: search call records by time and number, play their recordings (every
// playback is written to the audit log by the server).

import { api, element, searchSequence, APIError } from "../shared/api.js";

export function recordingsPage(root, { t }) {
  const form = element("form", null, { class: "fields panel" });
  const from = element("input", null, { type: "datetime-local", name: "from" });
  const to = element("input", null, { type: "datetime-local", name: "to" });
  const number = element("input", null, { name: "number" });
  for (const [label, input] of [["recordings.from", from], ["recordings.to", to], ["recordings.number", number]]) {
    const wrapper = element("label");
    wrapper.append(element("span", t(label)), input);
    form.append(wrapper);
  }
  form.append(element("button", t("common.search"), { type: "submit", class: "primary" }));
  const output = element("p", null, { class: "error" });
  const table = element("table", null, { id: "recordings" });
  const player = element("audio", null, { controls: true, id: "player" });
  const panel = element("section", null, { class: "panel" });
  panel.append(player, table);
  root.append(form, output, panel);

  const nextSearch = searchSequence();
  async function search() {
    const isCurrent = nextSearch();
    const query = new URLSearchParams({ limit: "50" });
    if (from.value) query.set("from", new Date(from.value).toISOString());
    if (to.value) query.set("to", new Date(to.value).toISOString());
    if (number.value.trim()) query.set("number", number.value.trim());
    try {
      const { items } = await api("GET", `/api/v1/cdrs?${query}`);
      if (!isCurrent()) return;
      output.textContent = "";
      table.replaceChildren();
      for (const record of items) {
        const row = element("tr");
        for (const value of [new Date(record.arrived_at).toLocaleString(), record.caller, record.called, record.agent_work_number ?? "", record.disposition]) {
          row.append(element("td", value));
        }
        const cell = element("td");
        if (record.recording_id) {
          const play = element("button", t("common.play"), { type: "button" });
          play.addEventListener("click", () => { player.src = `/api/v1/recordings/${record.recording_id}`; player.play().catch(() => {}); });
          cell.append(play);
        }
        row.append(cell);
        table.append(row);
      }
    } catch (error) {
      if (isCurrent()) output.textContent = error instanceof APIError ? error.describe() : String(error);
    }
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  search();
}
