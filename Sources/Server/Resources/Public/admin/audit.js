// The audit log page (审计日志): who did what and when — recording playbacks, forced agent
// states and configuration changes for a tenant admin; tenants, quotas, trunks and platform
// users for a platform operator. Newest first, filtered by action.

import { api, element, searchSequence, APIError } from "../shared/api.js";

export function auditPage(root, { t, me }) {
  const path = me.tenant ? "/api/v1/config/audit-log" : "/api/v1/platform/audit-log";
  const form = element("form", null, { class: "fields panel", id: "audit-form" });
  const action = element("input", null, { name: "action", placeholder: me.tenant ? "recording.play" : "platform_user.create" });
  const label = element("label");
  label.append(element("span", t("audit.action")), action);
  form.append(label, element("button", t("common.search"), { type: "submit", class: "primary" }));
  const output = element("p", null, { class: "error" });
  const table = element("table", null, { id: "audit-log" });
  const panel = element("section", null, { class: "panel" });
  panel.append(table);
  root.append(form, output, panel);

  const nextSearch = searchSequence();
  async function search() {
    const isCurrent = nextSearch();
    const query = new URLSearchParams({ limit: "200" });
    if (action.value.trim()) query.set("action", action.value.trim());
    try {
      const { items } = await api("GET", `${path}?${query}`);
      if (!isCurrent()) return;
      output.textContent = items.length ? "" : t("audit.empty");
      table.replaceChildren();
      const head = element("tr");
      for (const key of ["time", "actor", "action", "object", "detail"]) head.append(element("th", t(`audit.${key}`)));
      table.append(head);
      for (const entry of items) {
        const row = element("tr", null, { "data-action": entry.action, "data-object": entry.object_id ?? "" });
        const detail = Object.entries(entry.detail).map(([key, value]) => `${key}=${value}`).join(" ");
        row.append(element("td", new Date(entry.occurred_at).toLocaleString()), element("td", entry.actor.name),
                   element("td", entry.action), element("td", `${entry.object_kind} ${entry.object_id ?? ""}`.trim()),
                   element("td", detail));
        table.append(row);
      }
    } catch (error) {
      if (isCurrent()) output.textContent = error instanceof APIError ? error.describe() : String(error);
    }
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  search();
}
