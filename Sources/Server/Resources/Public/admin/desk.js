// The desk settings page (工作台设置): the embedded CRM page's URL template and the
// disposition codes (小结类型) the agent desktop offers for call notes. Supervisors read it;
// the tenant admin changes it.

import { api, element, APIError } from "../shared/api.js";

export async function deskPage(root, { t, canWrite }) {
  const form = element("form", null, { id: "desk-form" });
  const template = element("input", null, { name: "crm_url_template", id: "desk-crm-template", size: 70,
                                             placeholder: "https://crm.example.cn/customer?phone={caller}" });
  const crm = element("label", null, { class: "wide" });
  crm.append(element("span", t("desk.crmTemplate")), template);
  const standard = element("input", null, { type: "checkbox", id: "desk-standard" });
  const standardLabel = element("label", null, { class: "check" });
  standardLabel.append(standard, element("span", t("desk.standardCodes")));
  const codes = element("table", null, { id: "desk-codes" });
  const add = element("button", t("desk.addCode"), { type: "button", id: "desk-add-code" });
  const save = element("button", t("common.save"), { type: "submit", class: "primary", id: "desk-save" });
  const output = element("p", null, { class: "error", id: "desk-error", role: "status" });
  form.append(crm, element("p", t("desk.crmHint"), { class: "muted" }), element("h3", t("desk.codes")), standardLabel, codes);
  if (canWrite) form.append(element("div", null, { class: "toolbar" }));
  if (canWrite) form.lastChild.append(add, save);
  const panel = element("section", null, { class: "panel" });
  panel.append(element("h2", t("nav.desk")), form, output);
  root.append(panel);

  const addRow = (code = { code: "", name_zh: "", name_en: "" }) => {
    const row = element("tr", null, { class: "code" });
    for (const name of ["code", "name_zh", "name_en"]) {
      const input = element("input", null, { "data-name": name, size: name === "code" ? 14 : 18 });
      input.value = code[name];
      const cell = element("td");
      cell.append(input);
      row.append(cell);
    }
    const remove = element("button", t("common.delete"), { type: "button", class: "danger" });
    remove.addEventListener("click", () => row.remove());
    const cell = element("td");
    if (canWrite) cell.append(remove);
    row.append(cell);
    codes.append(row);
  };
  const show = (settings) => {
    template.value = settings.crm_url_template || "";
    standard.checked = settings.standard_disposition_codes;
    const head = element("tr");
    for (const key of ["desk.code", "desk.nameZh", "desk.nameEn", ""]) head.append(element("th", key ? t(key) : ""));
    codes.replaceChildren(head);
    for (const code of settings.disposition_codes) addRow(code);
    sync();
  };
  const sync = () => {
    codes.classList.toggle("muted", standard.checked);
    for (const input of codes.querySelectorAll("input")) input.disabled = standard.checked || !canWrite;
    add.disabled = standard.checked;
  };
  const rows = () => [...codes.querySelectorAll("tr.code")];
  standard.addEventListener("change", sync);
  add.addEventListener("click", () => addRow());
  template.disabled = !canWrite;
  standard.disabled = !canWrite;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const marked of form.querySelectorAll(".invalid")) marked.classList.remove("invalid");
    const body = { crm_url_template: template.value.trim() || null };
    if (!standard.checked) {
      body.disposition_codes = rows().map((row) => Object.fromEntries(
        [...row.querySelectorAll("input")].map((input) => [input.dataset.name, input.value.trim()])));
    }
    try {
      show(await api("PUT", "/api/v1/config/desk-settings", body));
      output.className = "ok";
      output.textContent = t("common.saved");
    } catch (error) {
      output.className = "error";
      output.textContent = error instanceof APIError ? error.describe() : String(error);
      // `disposition_codes[2].name_zh` marks that input; `crm_url_template` the template.
      const match = /^disposition_codes\[(\d+)\]\.(\w+)$/.exec(error?.field || "");
      if (match) rows()[Number(match[1])]?.querySelector(`[data-name="${match[2]}"]`)?.classList.add("invalid");
      else if (error?.field === "crm_url_template") template.classList.add("invalid");
      else if (error?.field === "disposition_codes") codes.classList.add("invalid");
    }
  });

  try {
    show(await api("GET", "/api/v1/config/desk-settings"));
  } catch (error) {
    output.textContent = error instanceof APIError ? error.describe() : String(error);
  }
}
