// A generic page over one configuration resource: the list as a table, a form to create or
// edit an item, deletion; errors shown at the field the API names.

import { api, element } from "../shared/api.js";
import { fillForm, readForm, showError } from "./form.js";

/**
 * Renders `resource` (`{path, columns, fields, extra?}`) into `root`; `extra(item, cell, reload)`
 * may add buttons to each row.
 */
export async function resourcePage(root, { t, canWrite }, resource) {
  const table = element("table");
  const panel = element("section", null, { class: "panel" });
  const form = element("form", null, { class: "fields", id: "resource-form" });
  const output = element("p", null, { class: "error", id: "resource-error" });
  const buttons = element("div", null, { class: "toolbar" });
  const save = element("button", t("common.save"), { type: "submit", class: "primary" });
  const cancel = element("button", t("common.cancel"), { type: "button" });
  buttons.append(save, cancel);
  let editing = null;

  const edit = (item) => {
    editing = item;
    fillForm(form, resource.fields, item, t);
    form.append(buttons);
    output.textContent = "";
  };
  cancel.addEventListener("click", () => edit(null));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const body = readForm(form, resource.fields);
      if (editing) await api("PUT", `${resource.path}/${editing.id}`, body);
      else await api("POST", resource.path, body);
      edit(null);
      output.textContent = t("common.saved");
      await reload();
    } catch (error) {
      showError(form, output, error);
    }
  });

  async function reload() {
    const { items } = await api("GET", resource.path);
    table.replaceChildren();
    const head = element("tr");
    for (const column of resource.columns) head.append(element("th", column));
    head.append(element("th", ""));
    table.append(head);
    for (const item of items) {
      const row = element("tr", null, { "data-id": item.id });
      for (const column of resource.columns) {
        const value = column.split(".").reduce((node, key) => node?.[key], item);
        row.append(element("td", Array.isArray(value) ? value.map((v) => (typeof v === "object" ? Object.values(v).join(":") : v)).join(", ") : value ?? ""));
      }
      const cell = element("td", null, { class: "actions" });
      if (canWrite) {
        const editButton = element("button", t("common.edit"), { type: "button" });
        editButton.addEventListener("click", () => edit(item));
        const deleteButton = element("button", t("common.delete"), { type: "button", class: "danger" });
        deleteButton.addEventListener("click", async () => {
          if (!confirm(t("common.confirmDelete"))) return;
          try {
            await api("DELETE", `${resource.path}/${item.id}`);
            output.textContent = t("common.deleted");
            await reload();
          } catch (error) {
            showError(form, output, error);
          }
        });
        cell.append(editButton, deleteButton);
      }
      resource.extra?.(item, cell, reload, output);
      row.append(cell);
      table.append(row);
    }
  }

  root.append(element("section", null, { class: "panel" }));
  root.lastChild.append(table);
  if (canWrite) {
    panel.append(form, output);
    root.append(panel);
    edit(null);
  } else {
    root.append(output);
  }
  try {
    await reload();
  } catch (error) {
    output.textContent = error.describe ? error.describe() : String(error);
  }
}
