// The notices page (通知公告): admins and supervisors publish a notice (title, text, pin,
// optional expiry), edit or withdraw it; agents' desktops get every change at once.

import { api, element, pathSegment, APIError } from "../shared/api.js";

/** `2026-12-01T10:00` for a datetime-local input, in the browser's time zone. */
function localInput(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export async function noticesPage(root, { t, i18n }) {
  const form = element("form", null, { class: "fields", id: "notice-form" });
  const title = element("input", null, { name: "title", id: "notice-title", size: 40, maxlength: 100 });
  const body = element("textarea", null, { name: "body", id: "notice-body", maxlength: 4000 });
  const pinned = element("input", null, { name: "pinned", id: "notice-pinned", type: "checkbox" });
  const expires = element("input", null, { name: "expires_at", id: "notice-expires", type: "datetime-local" });
  const labelled = (key, input, wide) => {
    const label = element("label", null, { class: wide ? "wide" : undefined });
    label.append(element("span", t(key)), input);
    return label;
  };
  const save = element("button", t("notices.publish"), { type: "submit", class: "primary", id: "notice-save" });
  const cancel = element("button", t("common.cancel"), { type: "button" });
  const output = element("p", null, { class: "error", id: "notice-error", role: "status" });
  form.append(labelled("notices.title", title), labelled("notices.pinned", pinned), labelled("notices.expires", expires),
    labelled("notices.body", body, true), save, cancel);
  const editor = element("section", null, { class: "panel" });
  editor.append(element("h2", t("notices.heading")), form, output);
  const table = element("table", null, { id: "notice-table" });
  const listing = element("section", null, { class: "panel" });
  listing.append(table);
  root.append(editor, listing);

  let editing = null;
  const edit = (notice) => {
    editing = notice;
    title.value = notice?.title || "";
    body.value = notice?.body || "";
    pinned.checked = notice?.pinned || false;
    expires.value = localInput(notice?.expires_at);
    save.textContent = t(notice ? "common.save" : "notices.publish");
    for (const marked of form.querySelectorAll(".invalid")) marked.classList.remove("invalid");
  };
  const fail = (error) => {
    output.className = "error";
    output.textContent = error instanceof APIError ? error.describe() : String(error);
    if (error?.field && form.elements[error.field]) form.elements[error.field].classList.add("invalid");
  };
  cancel.addEventListener("click", () => { edit(null); output.textContent = ""; });

  async function reload() {
    const { items } = await api("GET", "/api/v1/notices?all=true");
    const head = element("tr");
    for (const key of ["notices.title", "notices.pinned", "notices.author", "notices.publishedAt", "notices.expires", ""]) {
      head.append(element("th", key ? t(key) : ""));
    }
    table.replaceChildren(head);
    for (const notice of items) {
      const row = element("tr", null, { "data-id": notice.id, class: notice.expired ? "muted" : undefined });
      const when = (iso) => (iso ? new Date(iso).toLocaleString(i18n.language) : "—");
      row.append(element("td", notice.title), element("td", notice.pinned ? "✓" : ""), element("td", notice.author),
        element("td", when(notice.created_at)), element("td", notice.expired ? t("notices.expired") : when(notice.expires_at)));
      const actions = element("td", null, { class: "actions" });
      const change = element("button", t("common.edit"), { type: "button" });
      change.addEventListener("click", () => edit(notice));
      const remove = element("button", t("notices.withdraw"), { type: "button", class: "danger" });
      remove.addEventListener("click", async () => {
        if (!confirm(t("notices.confirmWithdraw"))) return;
        try {
          await api("DELETE", `/api/v1/notices/${pathSegment(notice.id)}`);
          output.className = "ok";
          output.textContent = t("notices.withdrawn");
          if (editing?.id === notice.id) edit(null);
          await reload();
        } catch (error) {
          fail(error);
        }
      });
      actions.append(change, remove);
      row.append(actions);
      table.append(row);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = { title: title.value.trim(), body: body.value, pinned: pinned.checked };
    if (expires.value) request.expires_at = new Date(expires.value).toISOString();
    try {
      if (editing) await api("PUT", `/api/v1/notices/${pathSegment(editing.id)}`, request);
      else await api("POST", "/api/v1/notices", request);
      output.className = "ok";
      output.textContent = t(editing ? "common.saved" : "notices.published");
      edit(null);
      await reload();
    } catch (error) {
      fail(error);
    }
  });

  edit(null);
  await reload().catch(fail);
}
