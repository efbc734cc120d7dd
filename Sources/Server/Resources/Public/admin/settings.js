// The platform settings page (平台设置): switches of the whole platform, today whether
// tenants' flow and prompt versions need a reviewer's approval before they are published.

import { api, element, APIError } from "../shared/api.js";

export async function settingsPage(root, { t }) {
  const panel = element("section", null, { class: "panel" });
  const label = element("label", null, { class: "toggle" });
  const approval = element("input", null, { type: "checkbox", id: "setting-approval" });
  label.append(approval, element("span", t("settings.approval")));
  const status = element("p", null, { id: "settings-status" });
  panel.append(element("h2", t("nav.settings")), label, element("p", t("settings.approvalHint"), { class: "muted" }), status);
  root.append(panel);

  const show = (settings) => { approval.checked = settings.content_approval_required === true; };
  approval.addEventListener("change", async () => {
    try {
      show(await api("PUT", "/api/v1/platform/settings", { content_approval_required: approval.checked }));
      status.className = "ok";
      status.textContent = t("common.saved");
    } catch (error) {
      status.className = "error";
      status.textContent = error instanceof APIError ? error.describe() : String(error);
    }
  });
  try { show(await api("GET", "/api/v1/platform/settings")); } catch (error) { status.textContent = error.describe?.() ?? String(error); }
}
