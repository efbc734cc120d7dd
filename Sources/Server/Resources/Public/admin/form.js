// Form helpers of the admin console: inputs from field descriptions, values back out of
// them, and an API error shown beside the field it names.

import { element, APIError } from "../shared/api.js";

/**
 * Builds `<label>`s for `fields` (`{name, label, type: text|number|bool|select|list|json|password, options}`)
 * into `form`, filled from `values`.
 */
export function fillForm(form, fields, values, t) {
  form.replaceChildren();
  for (const field of fields) {
    const label = element("label", null, { class: field.type === "json" ? "wide" : undefined });
    label.append(element("span", t(field.label)));
    let input;
    const value = values?.[field.name];
    if (field.type === "select") {
      input = element("select", null, { name: field.name });
      for (const option of field.options) input.append(element("option", option, { value: option, selected: option === value }));
    } else if (field.type === "bool") {
      input = element("input", null, { name: field.name, type: "checkbox", checked: value ?? field.default ?? false });
    } else if (field.type === "json") {
      input = element("textarea", value === undefined ? "" : JSON.stringify(value, null, 2), { name: field.name });
    } else {
      input = element("input", null, { name: field.name, type: field.type === "number" ? "number" : field.type === "password" ? "password" : "text" });
      input.value = value === undefined || value === null ? "" : Array.isArray(value) ? value.join(",") : String(value);
    }
    label.append(input);
    form.append(label);
  }
}

/** The form's values as the API wants them (empty text fields left out). */
export function readForm(form, fields) {
  const body = {};
  for (const field of fields) {
    const input = form.elements[field.name];
    if (field.type === "bool") { body[field.name] = input.checked; continue; }
    const text = input.value.trim();
    if (text === "") continue;
    if (field.type === "number") body[field.name] = Number(text);
    else if (field.type === "list") body[field.name] = text.split(",").map((part) => part.trim()).filter(Boolean);
    else if (field.type === "json") {
      try { body[field.name] = JSON.parse(text); } catch (failure) { throw new APIError(400, "invalid_json", failure.message, field.name); }
    } else body[field.name] = text;
  }
  return body;
}

/** Shows `error` in `output` and marks the input its field names (`rules.vip.route` marks `rules`). */
export function showError(form, output, error) {
  for (const marked of form.querySelectorAll(".invalid")) marked.classList.remove("invalid");
  output.textContent = error instanceof APIError ? error.describe() : String(error);
  const name = error?.field?.split(/[.[]/)[0];
  if (name && form.elements[name]) form.elements[name].classList.add("invalid");
}
