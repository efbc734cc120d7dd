// The configuration resources the generic page shows: columns of the list and fields of the
// form, as the API names them.

import { api, element } from "../shared/api.js";

/** Seats and IVR ports of a tenant's row, changed in place (PUT …/quotas, audited). */
function quotaEditor(tenant, cell, reload, output) {
  const seats = element("input", null, { type: "number", min: 0, class: "quota-seats", title: "seats", value: tenant.quotas.seats });
  const ports = element("input", null, { type: "number", min: 0, class: "quota-ivr-ports", title: "ivr_ports", value: tenant.quotas.ivr_ports });
  for (const input of [seats, ports]) input.style.width = "5rem";
  const save = element("button", "✓", { type: "button", class: "save-quotas" });
  save.addEventListener("click", async () => {
    try {
      await api("PUT", `/api/v1/platform/tenants/${tenant.id}/quotas`, { seats: Number(seats.value), ivr_ports: Number(ports.value) });
      await reload();
      output.textContent = "";
    } catch (error) {
      output.textContent = error.describe ? error.describe() : String(error);
    }
  });
  cell.append(seats, ports, save);
}

export const resources = {
  queues: {
    path: "/api/v1/config/queues",
    columns: ["name", "display_name", "strategy", "service_level_seconds", "wrap_up_seconds"],
    fields: [
      { name: "name", label: "name" }, { name: "display_name", label: "display_name" },
      { name: "strategy", label: "strategy", type: "select", options: ["longest_idle", "ring_all", "round_robin", "fewest_calls", "highest_skill"] },
      { name: "priority", label: "priority", type: "number" }, { name: "service_level_seconds", label: "service_level_seconds", type: "number" },
      { name: "wrap_up_seconds", label: "wrap_up_seconds", type: "number" }, { name: "max_wait_seconds", label: "max_wait_seconds", type: "number" },
      { name: "callback_enabled", label: "callback_enabled", type: "bool" }, { name: "skills", label: "skills", type: "json" },
    ],
  },
  skills: {
    path: "/api/v1/config/skills",
    columns: ["name", "description"],
    fields: [{ name: "name", label: "name" }, { name: "description", label: "description" }],
  },
  agents: {
    path: "/api/v1/config/agents",
    columns: ["work_number", "display_name", "extension_number", "status", "queues"],
    fields: [
      { name: "work_number", label: "work_number" }, { name: "display_name", label: "display_name" },
      { name: "extension_number", label: "extension_number" }, { name: "status", label: "status", type: "select", options: ["active", "disabled"] },
      { name: "auto_answer", label: "auto_answer", type: "bool" }, { name: "sip_password", label: "sip_password", type: "password" },
      { name: "skills", label: "skills", type: "json" }, { name: "queues", label: "queues", type: "json" },
    ],
  },
  users: {
    path: "/api/v1/config/users",
    columns: ["username", "display_name", "roles", "status"],
    fields: [
      { name: "username", label: "username" }, { name: "display_name", label: "display_name" },
      { name: "roles", label: "roles (tenant_admin, supervisor, agent, qa_inspector)", type: "list" },
      { name: "agent_id", label: "agent_id" }, { name: "status", label: "status", type: "select", options: ["active", "disabled"] },
      { name: "password", label: "password", type: "password" },
    ],
  },
  tenants: {
    path: "/api/v1/platform/tenants",
    columns: ["code", "name", "status", "quotas.seats", "quotas.ivr_ports", "masking_policy"],
    fields: [
      { name: "code", label: "code" }, { name: "name", label: "name" }, { name: "sip_domain", label: "sip_domain" },
      { name: "time_zone", label: "time_zone" }, { name: "status", label: "status", type: "select", options: ["active", "suspended"] },
      { name: "masking_policy", label: "masking_policy", type: "select", options: ["middle", "last_four", "full", "none"] },
      { name: "retention_days", label: "retention_days", type: "number" }, { name: "quotas", label: "quotas", type: "json" },
    ],
    extra: quotaEditor,
  },
  trunks: {
    path: "/api/v1/platform/trunks",
    columns: ["name", "transport", "addresses", "inbound", "outbound", "has_credentials"],
    fields: [
      { name: "name", label: "name" }, { name: "tenant_id", label: "tenant_id" },
      { name: "transport", label: "transport", type: "select", options: ["udp", "tcp", "tls"] },
      { name: "addresses", label: "addresses (host:port, …)", type: "list" }, { name: "inbound", label: "inbound", type: "bool", default: true },
      { name: "outbound", label: "outbound", type: "bool", default: true }, { name: "trusted", label: "trusted", type: "bool" },
      { name: "max_channels", label: "max_channels", type: "number" }, { name: "allowed_prefixes", label: "allowed_prefixes", type: "list" },
      { name: "username", label: "username" }, { name: "password", label: "password (write-only)", type: "password" },
    ],
  },
};

/** Loads the tenant's items at `path` into a `<select name=…>` of their `label` field. */
export async function selectOf(name, path, label) {
  const select = element("select", null, { name });
  const { items } = await api("GET", path);
  for (const item of items) select.append(element("option", item[label], { value: item[label] }));
  return select;
}
