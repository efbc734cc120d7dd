// The platform users page (平台用户): platform operators and IVR reviewers, created with a
// password, their role changed, their password reset and disabled or enabled again; every
// action goes through /api/v1/platform/users and is audited by the server.

import { api, element, APIError } from "../shared/api.js";

const roles = ["platform_admin", "platform_reviewer"];
const path = "/api/v1/platform/users";

export function platformUsersPage(root, { t, me }) {
  const output = element("p", null, { class: "error", id: "platform-user-error" });
  const table = element("table", null, { id: "platform-users" });
  const form = element("form", null, { class: "fields panel", id: "platform-user-form" });
  const roleSelect = () => {
    const select = element("select", null, { name: "role" });
    for (const role of roles) select.append(element("option", t(`platformUsers.role.${role}`), { value: role }));
    return select;
  };
  for (const [key, input] of [
    ["platformUsers.username", element("input", null, { name: "username", autocomplete: "off" })],
    ["platformUsers.displayName", element("input", null, { name: "display_name" })],
    ["platformUsers.roleLabel", roleSelect()],
    ["platformUsers.password", element("input", null, { name: "password", type: "password", autocomplete: "new-password" })],
  ]) {
    const label = element("label");
    label.append(element("span", t(key)), input);
    form.append(label);
  }
  form.append(element("button", t("common.create"), { type: "submit", class: "primary" }));
  const panel = element("section", null, { class: "panel" });
  panel.append(table);
  root.append(form, output, panel);

  const show = (error) => {
    for (const marked of form.querySelectorAll(".invalid")) marked.classList.remove("invalid");
    output.classList.remove("ok");
    output.textContent = error instanceof APIError ? error.describe() : String(error);
    const name = error?.field?.split(/[.[]/)[0];
    const input = form.elements[name === "roles" ? "role" : name];
    if (input) input.classList.add("invalid");
  };
  const done = (key) => { output.classList.add("ok"); output.textContent = t(key); };

  async function act(request, key) {
    try {
      await request();
      await reload();
      done(key);
    } catch (error) {
      show(error);
    }
  }

  async function reload() {
    const { items } = await api("GET", path);
    table.replaceChildren();
    const head = element("tr");
    for (const key of ["username", "displayName", "roleLabel", "status", "lastLogin"]) head.append(element("th", t(`platformUsers.${key}`)));
    head.append(element("th", ""));
    table.append(head);
    for (const user of items) {
      const row = element("tr", null, { "data-username": user.username, "data-status": user.status });
      row.append(element("td", user.username), element("td", user.display_name),
                 element("td", user.roles.map((role) => t(`platformUsers.role.${role}`)).join(", "), { class: "roles" }),
                 element("td", t(`platformUsers.state.${user.status}`), { class: "status" }),
                 element("td", user.last_login_at ? new Date(user.last_login_at).toLocaleString() : "—"));
      const cell = element("td", null, { class: "actions" });
      const select = roleSelect();
      select.value = user.roles[0] ?? roles[0];
      const change = element("button", t("platformUsers.changeRole"), { type: "button", class: "change-role" });
      change.addEventListener("click", () => act(() => api("PUT", `${path}/${user.id}`, { roles: [select.value] }), "common.saved"));
      const password = element("input", null, { type: "password", class: "new-password", autocomplete: "new-password",
                                                 placeholder: t("platformUsers.newPassword") });
      const reset = element("button", t("platformUsers.resetPassword"), { type: "button", class: "reset-password" });
      reset.addEventListener("click", () => act(() => api("POST", `${path}/${user.id}/password`, { password: password.value }), "platformUsers.passwordReset"));
      const disabled = user.status === "disabled";
      const toggle = element("button", t(disabled ? "platformUsers.enable" : "platformUsers.disable"),
                             { type: "button", class: disabled ? "enable" : "danger disable" });
      toggle.addEventListener("click", () => act(() => api("PUT", `${path}/${user.id}`, { status: disabled ? "active" : "disabled" }), "common.saved"));
      if (user.username !== me.name) cell.append(select, change);
      cell.append(password, reset);
      if (user.username !== me.name) cell.append(toggle);
      row.append(cell);
      table.append(row);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const body = { username: values.get("username").trim(), roles: [values.get("role")], password: values.get("password") };
    if (values.get("display_name").trim()) body.display_name = values.get("display_name").trim();
    act(async () => { await api("POST", path, body); form.reset(); }, "platformUsers.created");
  });
  reload().catch(show);
}
