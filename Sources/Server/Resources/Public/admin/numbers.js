// The numbers page: access numbers with their rule sets, and the "what would happen to this
// call" tester that shows every rule's verdict and the decision.

import { api, element, APIError } from "../shared/api.js";
import { resourcePage } from "./resource.js";

const numbers = {
  path: "/api/v1/config/numbers",
  columns: ["number", "purpose", "carrier", "inbound", "outbound", "flow_id"],
  fields: [
    { name: "number", label: "numbers.number" }, { name: "purpose", label: "purpose" }, { name: "carrier", label: "carrier" },
    { name: "inbound", label: "inbound", type: "bool", default: true }, { name: "outbound", label: "outbound", type: "bool" },
    { name: "flow_id", label: "flow_id" }, { name: "rules", label: "numbers.rules", type: "json" },
  ],
};

export async function numbersPage(root, context) {
  const { t } = context;
  const tester = element("section", null, { class: "panel", id: "rule-tester" });
  const form = element("form", null, { class: "fields" });
  const number = element("select", null, { name: "number", id: "trace-number" });
  const caller = element("input", null, { name: "caller", id: "trace-caller", value: "13800138000" });
  const at = element("input", null, { name: "at", type: "datetime-local", id: "trace-at" });
  const output = element("pre", null, { class: "lines", id: "trace-result" });
  for (const [label, input] of [["numbers.number", number], ["numbers.caller", caller], ["numbers.at", at]]) {
    const wrapper = element("label");
    wrapper.append(element("span", t(label)), input);
    form.append(wrapper);
  }
  form.append(element("button", t("numbers.run"), { type: "submit", class: "primary" }));
  tester.append(element("h2", t("numbers.tester")), form, output);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const body = { number: number.value, caller: caller.value.trim() };
      if (at.value) body.at = new Date(at.value).toISOString();
      const trace = await api("POST", "/api/v1/config/rule-trace", body);
      output.textContent = trace.text;
    } catch (error) {
      output.textContent = error instanceof APIError ? error.describe() : String(error);
    }
  });
  const list = element("div");
  root.append(tester, list);
  await resourcePage(list, context, numbers);
  const { items } = await api("GET", numbers.path);
  number.replaceChildren(...items.map((item) => element("option", item.number, { value: item.number })));
}
